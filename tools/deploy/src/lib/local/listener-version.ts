import { get } from 'node:http';

/**
 * Which version serves 127.0.0.1:port: `refused` when nothing listens, undefined when the
 * answer is late or unreadable. A fresh connection each time (no keep-alive pool), so the
 * answer comes from whoever holds the port now.
 */
export function listenerVersion(port: number): Promise<string | 'refused' | undefined> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve((JSON.parse(body) as { version?: string }).version);
        } catch {
          resolve(undefined);
        }
      });
      response.on('error', () => resolve(undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : undefined));
  });
}
