import { Agent, get, IncomingMessage } from 'node:http';
import { connect } from 'node:net';

/** What one connection to a service's host port found. */
export type ListenerProbe =
  | { state: 'refused' }
  | { state: 'unknown'; reason: string }
  | { state: 'serving'; version: string | undefined; ready: boolean };

/**
 * Asks whoever accepts a fresh connection to 127.0.0.1:port for `/health` and then `/ready` on
 * that same connection. During a handoff two versions listen on the port (SO_REUSEPORT) and the
 * kernel gives each new connection to one of them, so the version and the readiness must come
 * from one connection to describe one process (a pooled client could stick to the old one).
 */
export async function probeListener(port: number, timeoutMs = 2000): Promise<ListenerProbe> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const health = await request(agent, port, '/health', timeoutMs);
    const ready = await request(agent, port, '/ready', timeoutMs);
    if (ready.localPort !== health.localPort) return { state: 'unknown', reason: 'the two requests used different connections' };
    let version: string | undefined;
    try {
      version = (JSON.parse(health.body) as { version?: string }).version;
    } catch {
      return { state: 'unknown', reason: `unreadable /health answer: ${health.body.slice(0, 80)}` };
    }
    return { state: 'serving', version, ready: ready.status === 200 };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return { state: 'refused' };
    return { state: 'unknown', reason: code ?? (error as Error).message };
  } finally {
    agent.destroy();
  }
}

function request(agent: Agent, port: number, path: string, timeoutMs: number) {
  return new Promise<{ status: number; body: string; localPort: number | undefined }>((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, localPort: response.socket?.localPort }));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${path} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

/** Plain TCP connects to 127.0.0.1:port, one after another, until `stop()`: how often the port refused. */
export interface PortWatch {
  stop(): Promise<{ connects: number; refused: number; longestRefusedMs: number }>;
}

/**
 * Watches a port during a handoff: a connect every `intervalMs`, counting the ones refused (no
 * listener at that instant) and the longest stretch of consecutive refusals. A connect only (no
 * request), so it measures the listener gap and nothing else.
 */
export function watchPort(port: number, intervalMs = 5): PortWatch {
  let running = true;
  let connects = 0;
  let refused = 0;
  let refusedSince: number | undefined;
  let longestRefusedMs = 0;
  const attempt = () =>
    new Promise<void>((resolve) => {
      const started = Date.now();
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        connects++;
        if (refusedSince !== undefined) longestRefusedMs = Math.max(longestRefusedMs, started - refusedSince);
        refusedSince = undefined;
        socket.destroy();
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        connects++;
        if (error.code === 'ECONNREFUSED') {
          refused++;
          refusedSince ??= started;
          longestRefusedMs = Math.max(longestRefusedMs, Date.now() - refusedSince);
        }
        socket.destroy();
        resolve();
      });
    });
  const loop = (async () => {
    while (running) {
      await attempt();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { connects, refused, longestRefusedMs };
    },
  };
}
