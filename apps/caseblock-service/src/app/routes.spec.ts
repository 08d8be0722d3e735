import { describeServiceContract } from '@factsway/service-testing';
import { registerRoutes } from './routes';

describeServiceContract({ name: 'caseblock', routes: registerRoutes });
