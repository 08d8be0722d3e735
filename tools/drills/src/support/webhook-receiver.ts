import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One alert as Alertmanager's webhook payload carries it. */
export interface DeliveredAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  receiver: string;
  receivedAt: number;
}

/** A tiny HTTP server on 127.0.0.1:0 that records every Alertmanager webhook notification. */
export class WebhookReceiver {
  readonly alerts: DeliveredAlert[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const receivedAt = Date.now();
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          receiver: string;
          alerts: Omit<DeliveredAlert, 'receiver' | 'receivedAt'>[];
        };
        for (const alert of body.alerts) this.alerts.push({ ...alert, receiver: body.receiver, receivedAt });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  find(status: DeliveredAlert['status'], labels: Record<string, string>): DeliveredAlert[] {
    return this.alerts.filter((a) => a.status === status && Object.entries(labels).every(([k, v]) => a.labels[k] === v));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
