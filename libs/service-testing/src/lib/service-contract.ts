import { getService, peerUrlVariable, platformVersion, serviceId } from '@factsway/service-catalog';
import { serviceUnderTest, type ServiceUnderTestOptions } from './service-under-test';
import { tablesFound } from './tables-found';

/**
 * The contract every service keeps with the platform, read from its catalog entry: `/health`
 * names it and the platform version, `/ready` answers once its database does, and the migrations
 * created every table the catalog says it owns. Peers are not called: their URLs point at port 9.
 */
export function describeServiceContract<Name extends string, RequiresDatabase extends boolean | undefined = undefined>(
  options: ServiceUnderTestOptions<Name, RequiresDatabase>,
): void {
  const entry = getService(options.name);
  const id = serviceId(entry.name);
  const ownsTables = entry.tables.length > 0;
  const peerEnv = Object.fromEntries(entry.peers.map((peer) => [peerUrlVariable(peer), 'http://127.0.0.1:9']));

  describe(`${id} platform contract`, () => {
    const service = serviceUnderTest({ ...options, database: ownsTables, env: { ...peerEnv, ...options.env } });

    it('answers /health with its name and the platform version', async () => {
      const response = await fetch(`${service.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', service: id, version: platformVersion() });
    });

    it(ownsTables ? 'is ready once its database answers' : 'is ready', async () => {
      const response = await fetch(`${service.url}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', service: id });
    });

    if (ownsTables) {
      it('finds every table the catalog says it owns after the migrations ran', async () => {
        expect(await tablesFound(service.databaseUrl, entry.tables)).toEqual([...entry.tables]);
      });
    }
  });
}
