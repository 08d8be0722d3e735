import {
  Aws,
  BootstraplessSynthesizer,
  CfnOutput,
  CfnParameter,
  CfnRule,
  Duration,
  Fn,
  Stack,
  StackProps,
  Validations,
} from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachedMethods,
  Distribution,
  HttpVersion,
  PriceClass,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { AccessLevel } from 'aws-cdk-lib/aws-cloudfront';
import { OriginGroup, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { platform } from '@factsway/service-catalog';
import { errorCacheSeconds, immutablePathPattern, shortLivedPathPatterns } from '@factsway/update-path';
import { Construct } from 'constructs';
import { createUpdateCachePolicies, createUpdateResponseHeaders } from './update-cache-policies';
import { createUpdateAlarms } from './update-alarms';
import { accessLogBucketProps, updateBucketProps } from './update-bucket-props';

/** What an S3 outage (or an unreachable region) answers; CloudFront also fails over on connection errors and timeouts. */
export const failoverStatusCodes = [500, 502, 503, 504];

/**
 * The desktop update CDN: a private, versioned, encrypted S3 bucket and a failover bucket
 * in another region (updates-secondary-bucket.yml), both read only by CloudFront through
 * Origin Access Control in one origin group, behind HTTPS on the updates domain, with
 * CloudWatch alarms paging through SNS.
 * Deployed as a plain CloudFormation template (no CDK bootstrap), so everything
 * environment-specific is a parameter.
 */
export class UpdatesDistributionStack extends Stack {
  readonly bucket: Bucket;
  readonly secondaryBucket: IBucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: 'FACTSWAY desktop updates: private S3 bucket + CloudFront (electron-updater generic provider)',
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      ...props,
    });

    const accountId = new CfnParameter(this, 'AccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'AWS account this stack belongs in; deploying anywhere else fails before any resource is created',
    });
    const domainName = new CfnParameter(this, 'DomainName', {
      type: 'String',
      default: platform.updatesDomain,
      allowedPattern: '^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$',
      description: 'Host name the desktop app fetches updates from',
    });
    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      type: 'String',
      allowedPattern: '^arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]{36}$',
      description: 'ACM certificate covering DomainName; CloudFront requires it in us-east-1',
    });
    const hostedZoneId = new CfnParameter(this, 'HostedZoneId', {
      type: 'AWS::Route53::HostedZone::Id',
      description: 'Route 53 hosted zone that holds DomainName',
    });
    const secondaryBucketName = new CfnParameter(this, 'SecondaryBucketName', {
      type: 'String',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: 'The failover bucket, created in SecondaryBucketRegion by updates-secondary-bucket.yml',
    });
    const secondaryBucketRegion = new CfnParameter(this, 'SecondaryBucketRegion', {
      type: 'String',
      allowedPattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
      description: 'Region of the failover bucket; must differ from this stack\'s region',
    });
    const alarmEndpoint = new CfnParameter(this, 'AlarmSubscriptionEndpoint', {
      type: 'String',
      allowedPattern: '^https://.+',
      description: 'HTTPS endpoint subscribed to the update alarms topic (the PagerDuty CloudWatch integration URL)',
    });
    new CfnRule(this, 'SecondaryBucketInAnotherRegion', {
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, secondaryBucketRegion.valueAsString)),
          assertDescription: 'SecondaryBucketRegion must be another region than this stack\'s',
        },
      ],
    });
    // CloudFront publishes its metrics only in us-east-1, so the alarms must live there.
    new CfnRule(this, 'DeployedInUsEast1', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
          assertDescription: 'Deploy this stack in us-east-1, where CloudFront metrics are published',
        },
      ],
    });
    new CfnRule(this, 'DeployedInExpectedAccount', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.ACCOUNT_ID, accountId.valueAsString),
          assertDescription: 'This stack must be deployed in the account given as AccountId',
        },
      ],
    });

    this.logBucket = new Bucket(this, 'AccessLogs', accessLogBucketProps());
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log the log writes in a loop.',
    });

    this.bucket = new Bucket(this, 'Updates', updateBucketProps(this.logBucket));
    this.secondaryBucket = Bucket.fromBucketAttributes(this, 'SecondaryUpdates', {
      bucketName: secondaryBucketName.valueAsString,
      region: secondaryBucketRegion.valueAsString,
    });

    // READ only, never LIST: CloudFront cannot list the bucket, so a missing key is a 403
    // (cached errorCacheSeconds), and `/` is never a bucket listing.
    const originProps = {
      originAccessLevels: [AccessLevel.READ],
      // Fail over within seconds when a region does not answer, instead of 3 x 10 s.
      connectionAttempts: 2,
      connectionTimeout: Duration.seconds(3),
    };
    const origin = new OriginGroup({
      primaryOrigin: S3BucketOrigin.withOriginAccessControl(this.bucket, originProps),
      fallbackOrigin: S3BucketOrigin.withOriginAccessControl(this.secondaryBucket, originProps),
      fallbackStatusCodes: failoverStatusCodes,
    });
    const policies = createUpdateCachePolicies(this);
    const behaviour = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      // Installers and blockmaps are already compressed; manifests are a few hundred bytes.
      compress: false,
    };
    const [manifestPattern, blockmapPattern] = shortLivedPathPatterns;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'FACTSWAY desktop updates',
      domainNames: [domainName.valueAsString],
      certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn.valueAsString),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: SSLMethod.SNI,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      publishAdditionalMetrics: true,
      // Anything outside the known layout (`/`, a typo, a stray key) is short-lived.
      defaultBehavior: {
        ...behaviour,
        cachePolicy: policies.shortLived,
        responseHeadersPolicy: createUpdateResponseHeaders(this, 'other', 'OtherResponseHeaders'),
      },
      // Order matters: a manifest or blockmap under releases/ takes its short-lived behaviour first.
      additionalBehaviors: {
        [manifestPattern]: {
          ...behaviour,
          cachePolicy: policies.shortLived,
          responseHeadersPolicy: createUpdateResponseHeaders(this, 'manifest', 'ManifestResponseHeaders'),
        },
        [blockmapPattern]: {
          ...behaviour,
          cachePolicy: policies.shortLived,
          responseHeadersPolicy: createUpdateResponseHeaders(this, 'blockmap', 'BlockmapResponseHeaders'),
        },
        [immutablePathPattern]: {
          ...behaviour,
          cachePolicy: policies.immutable,
          responseHeadersPolicy: createUpdateResponseHeaders(this, 'installer', 'InstallerResponseHeaders'),
        },
      },
      // A missing manifest (first release, wrong channel) or an outage answer must not stay cached long.
      errorResponses: [403, 404, ...failoverStatusCodes].map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(errorCacheSeconds) })),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Desktop clients update from every country the product is sold in; there is no region to exclude.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves public, read-only, signed-checksum files from a private bucket with GET/HEAD only; ' +
        'there is no application behind it for a WAF to protect, and Shield Standard covers volumetric attacks.',
    });

    createUpdateAlarms(this, this.distribution, alarmEndpoint.valueAsString);

    const zone = HostedZone.fromHostedZoneId(this, 'Zone', hostedZoneId.valueAsString);
    const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
    // A trailing dot makes the record name absolute, so it need not be inside the zone's own name.
    const recordName = `${domainName.valueAsString}.`;
    new ARecord(this, 'AliasIpv4', { zone, recordName, target });
    new AaaaRecord(this, 'AliasIpv6', { zone, recordName, target });

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Publisher --bucket / UPDATES_BUCKET' });
    new CfnOutput(this, 'DistributionArn', {
      value: this.distribution.distributionArn,
      description: 'updates-secondary-bucket.yml DistributionArn: the only reader of the failover bucket',
    });
    new CfnOutput(this, 'DistributionId', {
      value: this.distribution.distributionId,
      description: 'Publisher --distribution-id / UPDATES_DISTRIBUTION_ID',
    });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'UpdatesUrl', {
      value: `https://${domainName.valueAsString}/`,
      description: 'electron-updater generic provider url',
    });
  }
}
