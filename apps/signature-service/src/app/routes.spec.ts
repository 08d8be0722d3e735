import { describeServiceContract } from '@factsway/service-testing';
import { registerRoutes } from './routes';

describeServiceContract({ name: 'signature', routes: registerRoutes });
