import { getService } from './lookup';
import { DEFAULT_PUBLIC_API_LIMITS, mebibytes, publicApiLimits } from './public-api-limits';
import { services } from './services';

describe('public API limits', () => {
  it('gives a service without its own limits the defaults', () => {
    expect(publicApiLimits(getService('records'))).toEqual(DEFAULT_PUBLIC_API_LIMITS);
    expect(DEFAULT_PUBLIC_API_LIMITS).toEqual({ maxRequestBodyBytes: 1024 * 1024, clientRateLimit: { requests: 20, per: 'Second' } });
  });

  it('overrides only the fields a service names', () => {
    expect(publicApiLimits(getService('export'))).toEqual({ ...DEFAULT_PUBLIC_API_LIMITS, maxRequestBodyBytes: mebibytes(10) });
  });

  it('lets only ingestion take bodies over 10 MiB: its 50 MB .docx cap plus multipart overhead', () => {
    const large = services.filter((service) => publicApiLimits(service).maxRequestBodyBytes > mebibytes(10));
    expect(large.map((service) => service.name)).toEqual(['ingestion']);
    expect(publicApiLimits(getService('ingestion'))).toEqual({
      maxRequestBodyBytes: mebibytes(60),
      clientRateLimit: { requests: 10, per: 'Minute' },
    });
    // ingestion-service's MAX_UPLOAD_BYTES is 50 MiB; the multipart envelope adds a little.
    expect(publicApiLimits(getService('ingestion')).maxRequestBodyBytes).toBeGreaterThan(mebibytes(50));
  });

  it('limits every public service to a positive whole number of requests', () => {
    for (const service of services) {
      const { requests } = publicApiLimits(service).clientRateLimit;
      expect(Number.isInteger(requests) && requests > 0).toBe(true);
    }
  });
});
