import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPinned, type PinnedProcess } from './pinned-process';

/** Debian's nginx serving `root` as static files on one worker, pinned like the other servers. */
export async function startNginx(root: string, workDir: string, port: number, readyPath: string): Promise<PinnedProcess> {
  mkdirSync(join(workDir, 'logs'), { recursive: true });
  const config = join(workDir, 'nginx.conf');
  writeFileSync(
    config,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(workDir, 'nginx.pid')};`,
      `error_log ${join(workDir, 'logs', 'error.log')};`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  types { text/yaml yml; }',
      '  sendfile on;',
      `  access_log ${join(workDir, 'logs', 'access.log')};`,
      `  client_body_temp_path ${join(workDir, 'body')};`,
      `  proxy_temp_path ${join(workDir, 'proxy')};`,
      `  fastcgi_temp_path ${join(workDir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(workDir, 'uwsgi')};`,
      `  scgi_temp_path ${join(workDir, 'scgi')};`,
      `  server { listen 127.0.0.1:${port}; root ${root}; }`,
      '}',
      '',
    ].join('\n'),
  );
  return startPinned({ command: '/usr/sbin/nginx', args: ['-c', config, '-p', workDir], port, readyPath });
}
