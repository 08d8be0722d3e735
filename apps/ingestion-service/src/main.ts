import './instrument'; // first: error reporting must be set up before express and pg load
import { runService } from '@factsway/shared-utils';
import { serviceOptions } from './app/service-options';

void runService(serviceOptions);
