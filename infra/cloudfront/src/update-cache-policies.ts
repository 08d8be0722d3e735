import { Duration } from 'aws-cdk-lib';
import {
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  HeadersFrameOption,
  ResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { cacheControlByKind, installerMaxAgeSeconds, manifestMaxAgeSeconds, UpdatePathKind } from '@factsway/update-path';
import { Construct } from 'constructs';

/**
 * Edge caching for the two kinds of update paths. Query strings, headers and cookies are
 * kept out of the cache key and not forwarded: electron-updater appends a random
 * `?noCache=` to every manifest request, which would otherwise make each request a miss.
 * Freshness of manifests comes from the 60 s TTL plus the publisher's invalidation.
 * Accept-Encoding is left out too: nothing here is compressed.
 */
export function createUpdateCachePolicies(scope: Construct): { shortLived: CachePolicy; immutable: CachePolicy } {
  const common = {
    queryStringBehavior: CacheQueryStringBehavior.none(),
    headerBehavior: CacheHeaderBehavior.none(),
    cookieBehavior: CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: false,
    enableAcceptEncodingBrotli: false,
    minTtl: Duration.seconds(0),
  };
  return {
    shortLived: new CachePolicy(scope, 'ShortLivedCachePolicy', {
      ...common,
      comment: 'latest*.yml, beta*.yml and blockmaps: at most 60 s at the edge, query strings ignored',
      defaultTtl: Duration.seconds(manifestMaxAgeSeconds),
      maxTtl: Duration.seconds(manifestMaxAgeSeconds),
    }),
    immutable: new CachePolicy(scope, 'ImmutableCachePolicy', {
      ...common,
      comment: 'versioned installers under releases/<version>/: never change once published',
      defaultTtl: Duration.seconds(installerMaxAgeSeconds),
      maxTtl: Duration.seconds(installerMaxAgeSeconds),
    }),
  };
}

/**
 * What viewers are told, per path kind: the same Cache-Control the publisher stores on
 * each object and the local origin sends, enforced at the edge even for an object
 * uploaded without it; plus HSTS and nosniff.
 */
export function createUpdateResponseHeaders(scope: Construct, kind: UpdatePathKind, id: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: `Cache-Control for ${kind} paths, HSTS, nosniff`,
    customHeadersBehavior: {
      customHeaders: [{ header: 'Cache-Control', value: cacheControlByKind[kind], override: true }],
    },
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
    },
  });
}
