import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CloudFrontInvalidator, NoCdnInvalidator } from './cdn-invalidator';

interface Received {
  method: string;
  url: string;
  body: string;
  authorization?: string;
}

/** A stand-in for the CloudFront API endpoint that records what the real SDK sends. */
async function startCloudFrontEndpoint(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method!, url: req.url!, body, authorization: req.headers.authorization });
    res.writeHead(201, { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com${req.url}/I2J0I21PCUYOIK` });
    res.end(
      `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id>` +
        `<Status>InProgress</Status><CreateTime>2026-11-27T10:00:00Z</CreateTime></Invalidation>`,
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('CloudFrontInvalidator', () => {
  it('sends one signed CreateInvalidation for the distribution with every path and the caller reference', async () => {
    const endpoint = await startCloudFrontEndpoint();
    const client = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      const result = await new CloudFrontInvalidator('E2QWRUHAPOMQZL', client).invalidate(['/latest.yml', '/latest-mac.yml'], 'ref-123');
      expect(result).toBe('CloudFront invalidation I2J0I21PCUYOIK on E2QWRUHAPOMQZL');
      expect(endpoint.received).toHaveLength(1);
      const [call] = endpoint.received;
      expect(call.method).toBe('POST');
      expect(call.url).toBe('/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation');
      expect(call.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cloudfront\/aws4_request/);
      expect(call.body).toContain('<CallerReference>ref-123</CallerReference>');
      expect(call.body).toContain('<Quantity>2</Quantity>');
      expect(call.body).toContain('<Path>/latest.yml</Path>');
      expect(call.body).toContain('<Path>/latest-mac.yml</Path>');
    } finally {
      client.destroy();
      endpoint.server.close();
    }
  });

  it('has a no-CDN counterpart for the local bucket that says so', async () => {
    expect(await new NoCdnInvalidator().invalidate(['/latest.yml'])).toBe('no CDN in front of this bucket; /latest.yml are live immediately');
  });
});
