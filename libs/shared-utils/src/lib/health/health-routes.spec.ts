import express from 'express';
import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import pg from 'pg';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { healthRoutes } from './health-routes';

async function serve(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function appWith(options: Partial<Parameters<typeof healthRoutes>[0]>) {
  const app = express();
  app.use((req, _res, next) => {
    req.id = 'test-request';
    next();
  });
  app.use(
    healthRoutes({
      serviceId: 'export-service',
      version: '1.2.3',
      registry: new Registry(),
      logger: pino({ level: 'silent' }),
      isDraining: () => false,
      ...options,
    }),
  );
  return app;
}

describe('health routes', () => {
  it('reports not ready with 503 shutting_down while draining', async () => {
    const { url, close } = await serve(appWith({ isDraining: () => true }));
    try {
      const response = await fetch(`${url}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: { code: 'shutting_down', message: 'Service is shutting down', requestId: 'test-request' },
      });
      // Liveness is unaffected: the process is still up.
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('reports not ready within the timeout when the database never answers', async () => {
    // A TCP listener that accepts and never speaks: the pg handshake hangs.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const db = new pg.Pool({ connectionString: `postgres://u:p@127.0.0.1:${port}/x`, connectionTimeoutMillis: 10_000 });
    db.on('error', () => undefined);
    const { url, close } = await serve(appWith({ db, readyTimeoutMs: 300 }));
    try {
      const started = Date.now();
      const response = await fetch(`${url}/ready`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await close();
      for (const socket of sockets) socket.destroy();
      silent.close();
      await db.end().catch(() => undefined);
    }
  });

  it('serves the registry as Prometheus text', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'export-service' });
    new Counter({ name: 'things_total', help: 'things', registers: [registry] }).inc(3);
    const { url, close } = await serve(appWith({ registry }));
    try {
      const response = await fetch(`${url}/metrics`);
      expect(response.headers.get('content-type')).toBe(registry.contentType);
      expect(await response.text()).toContain('things_total{service="export-service"} 3');
    } finally {
      await close();
    }
  });
});
