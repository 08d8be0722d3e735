import './instrument'; // first: error reporting must be set up before express and pg load
import { runService } from '@factsway/shared-utils';
import { registerRoutes } from './app/routes';

void runService({ name: 'records', routes: registerRoutes });
