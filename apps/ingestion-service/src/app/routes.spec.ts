import { describeServiceContract } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

describeServiceContract(serviceOptions);
