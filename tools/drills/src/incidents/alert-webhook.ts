import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  receiver: string;
  receivedAt: number;
}

/** Records Alertmanager's webhook notifications (both receivers post here in the drills). */
export class AlertWebhook {
  readonly alerts: WebhookAlert[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { receiver: string; alerts: Omit<WebhookAlert, 'receiver' | 'receivedAt'>[] };
        for (const alert of body.alerts) this.alerts.push({ ...alert, receiver: body.receiver, receivedAt: Date.now() });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  first(status: WebhookAlert['status'], labels: Record<string, string>): WebhookAlert | undefined {
    return this.alerts.find((a) => a.status === status && Object.entries(labels).every(([k, v]) => a.labels[k] === v));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
