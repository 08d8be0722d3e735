import {
  Aws,
  BootstraplessSynthesizer,
  CfnOutput,
  CfnParameter,
  CfnRule,
  Duration,
  Fn,
  RemovalPolicy,
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
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { platform } from '@factsway/service-catalog';
import { shortLivedPathPatterns } from '@factsway/update-path';
import { Construct } from 'constructs';
import { createUpdateCachePolicies, createUpdateResponseHeaders } from './update-cache-policies';

/**
 * The desktop update CDN: a private, versioned, encrypted S3 bucket read only by
 * CloudFront through Origin Access Control, behind HTTPS on the updates domain.
 * Deployed as a plain CloudFormation template (no CDK bootstrap), so everything
 * environment-specific is a parameter.
 */
export class UpdatesDistributionStack extends Stack {
  readonly bucket: Bucket;
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
    new CfnRule(this, 'DeployedInExpectedAccount', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.ACCOUNT_ID, accountId.valueAsString),
          assertDescription: 'This stack must be deployed in the account given as AccountId',
        },
      ],
    });

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL grant, so ACLs must stay enabled here.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log the log writes in a loop.',
    });

    this.bucket = new Bucket(this, 'Updates', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      // Only manifests are ever overwritten; their old versions are an audit trail, not a rollback source.
      lifecycleRules: [{ id: 'expire-replaced-manifests', noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // LIST lets S3 answer 404 (not 403) for a missing key, as the local origin does.
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
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
      defaultBehavior: {
        ...behaviour,
        cachePolicy: policies.immutable,
        responseHeadersPolicy: createUpdateResponseHeaders(this, 'installer', 'InstallerResponseHeaders'),
      },
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
      },
      // A missing manifest (first release, wrong channel) must not stay cached long.
      errorResponses: [
        { httpStatus: 403, ttl: Duration.seconds(10) },
        { httpStatus: 404, ttl: Duration.seconds(10) },
      ],
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

    const zone = HostedZone.fromHostedZoneId(this, 'Zone', hostedZoneId.valueAsString);
    const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
    // A trailing dot makes the record name absolute, so it need not be inside the zone's own name.
    const recordName = `${domainName.valueAsString}.`;
    new ARecord(this, 'AliasIpv4', { zone, recordName, target });
    new AaaaRecord(this, 'AliasIpv6', { zone, recordName, target });

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Publisher --bucket / UPDATES_BUCKET' });
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
