import { getService, services } from '@factsway/service-catalog';
import { Testing } from 'cdk8s';
import { peersOf, productionSettings } from '../index';
import { ServiceChart } from '../lib/service-chart';

describe('a rendered FACTSWAY service', () => {
  it('matches the reviewed snapshot (exhibits: a peer, tables, a public API)', () => {
    const settings = productionSettings({ registry: 'registry.example', version: '1.2.3' });
    const exhibits = getService('exhibits');
    const chart = new ServiceChart(Testing.app(), 'exhibits-service', settings, exhibits, peersOf(exhibits, services));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});
