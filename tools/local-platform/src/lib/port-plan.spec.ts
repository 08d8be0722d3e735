import { platform, services } from '@factsway/service-catalog';
import { createServer, Server } from 'node:net';
import { assertPortsFree, catalogPortPlan, freePortPlan } from './port-plan';

describe('port plans', () => {
  it('uses the catalog ports and platform.localPorts for npm start', () => {
    const plan = catalogPortPlan();
    expect(plan.postgres).toBe(platform.localPorts.postgres);
    expect(plan.updateOrigin).toBe(platform.localPorts.updateOrigin);
    expect(Object.entries(plan.services)).toEqual(services.map((s) => [s.name, s.port]));
  });

  it('picks distinct free ports for tests', async () => {
    const plan = await freePortPlan();
    const all = [plan.postgres, plan.updateOrigin, plan.updateBucket, plan.sentrySink, ...Object.values(plan.services)];
    expect(new Set(all).size).toBe(4 + services.length);
    await expect(assertPortsFree(plan)).resolves.toBeUndefined();
  });

  it('refuses to start when a port is taken, naming the port and its owner', async () => {
    const plan = await freePortPlan();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(plan.services['facts'], '127.0.0.1', resolve));
    try {
      await expect(assertPortsFree(plan)).rejects.toThrow(`ports in use on 127.0.0.1: ${plan.services['facts']} (facts-service)`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
