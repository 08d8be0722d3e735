import { describeServiceContract } from '@factsway/service-testing';
import { registerRoutes } from './routes';

describeServiceContract({ name: 'records', routes: registerRoutes });
