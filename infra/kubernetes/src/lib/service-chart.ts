import { ServiceDefinition } from '@factsway/service-catalog';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { FactswayService } from './factsway-service';

/** One `<name>-service.yaml`: everything one service needs; `peers` are the definitions of the services it calls. */
export class ServiceChart extends Chart {
  readonly workload: FactswayService;

  constructor(
    scope: Construct,
    id: string,
    settings: ClusterSettings,
    service: ServiceDefinition,
    peers: readonly ServiceDefinition[],
  ) {
    super(scope, id);
    this.workload = new FactswayService(this, 'service', { service, peers, settings });
  }
}
