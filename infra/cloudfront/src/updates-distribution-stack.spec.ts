import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cacheControlByKind } from '@factsway/update-path';
import { platform } from '@factsway/service-catalog';
import { buildUpdatesApp } from './render-updates-template';
import { SecondaryBucketStack } from './secondary-bucket-stack';
import { UpdatesDistributionStack } from './updates-distribution-stack';

let app: App;
let stack: UpdatesDistributionStack;
let secondaryStack: SecondaryBucketStack;
let template: Template;

beforeAll(() => {
  ({ app, stack, secondaryStack } = buildUpdatesApp());
  template = Template.fromStack(stack);
});

const distributionConfig = () => Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
const logicalId = (construct: Bucket) => stack.getLogicalId(construct.node.defaultChild as never);

function behaviour(pattern: string) {
  const found = distributionConfig().CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === pattern);
  if (!found) throw new Error(`no behaviour for ${pattern}`);
  return found;
}

function cachePolicy(ref: { Ref: string }) {
  return template.toJSON().Resources[ref.Ref].Properties.CachePolicyConfig;
}

describe('update bucket', () => {
  it('blocks every kind of public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('is read only by this CloudFront distribution through Origin Access Control, which cannot list it', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    for (const origin of distributionConfig().Origins) {
      expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    }

    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === logicalId(stack.bucket),
    )!;
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0].Action).toBe('s3:GetObject');
    expect(JSON.stringify(template.toJSON())).not.toContain('s3:ListBucket');
    expect(JSON.stringify(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(stack.getLogicalId(stack.distribution.node.defaultChild as never));
  });

  it('aborts incomplete multipart uploads after a day', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })]) },
    });
  });

  it('is encrypted, refuses plain HTTP and TLS below 1.2, and keeps old versions 90 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } })]) },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('writes S3 access logs to the log bucket, and is retained if the stack is deleted', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.logBucket) }, LogFilePrefix: 's3/' },
      }),
    });
  });
});

describe('distribution', () => {
  it('serves only HTTPS on the domain parameter with the ACM certificate parameter, TLS 1.2 or newer', () => {
    const config = distributionConfig();
    expect(config.Aliases).toEqual([{ Ref: 'DomainName' }]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: { Ref: 'CertificateArn' },
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it('caches manifests and blockmaps for at most 60 s, ignoring the noCache query string', () => {
    for (const pattern of ['*.yml', '*.blockmap']) {
      const policy = cachePolicy(behaviour(pattern).CachePolicyId);
      expect(policy.MaxTTL).toBeLessThanOrEqual(60);
      expect(policy.DefaultTTL).toBeLessThanOrEqual(60);
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
    }
    // `*.yml` is matched anywhere in the path: latest.yml, latest-mac.yml, beta-linux.yml all take it.
    expect(behaviour('*.yml').PathPattern).toBe('*.yml');
  });

  it('caches only releases/<version>/ files as immutable, for a year, after the manifest and blockmap patterns', () => {
    const patterns = distributionConfig().CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern);
    expect(patterns).toEqual(['*.yml', '*.blockmap', 'releases/*']);
    const policy = cachePolicy(behaviour('releases/*').CachePolicyId);
    expect(policy.DefaultTTL).toBe(31_536_000);
    expect(policy.MaxTTL).toBe(31_536_000);
  });

  it('answers `/` and any path outside the layout short-lived: no default root object, 60 s default behaviour', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBeUndefined();
    const policy = cachePolicy(config.DefaultCacheBehavior.CachePolicyId);
    expect(policy.MaxTTL).toBeLessThanOrEqual(60);
    const headers = template.toJSON().Resources[config.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
    expect(headers.CustomHeadersConfig.Items).toEqual([{ Header: 'Cache-Control', Override: true, Value: cacheControlByKind.other }]);
    expect(cacheControlByKind.other).not.toContain('immutable');
  });

  it('caches every error answer (missing key, outage) for at most 10 s', () => {
    const errors = distributionConfig().CustomErrorResponses;
    expect(errors.map((e: { ErrorCode: number }) => e.ErrorCode).sort()).toEqual([403, 404, 500, 502, 503, 504]);
    for (const error of errors) {
      expect(error.ErrorCachingMinTTL).toBeLessThanOrEqual(10);
      expect(error.ResponsePagePath).toBeUndefined();
    }
  });

  it('never compresses (installers and blockmaps are binaries) and keeps Accept-Encoding out of the key', () => {
    const config = distributionConfig();
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(b.Compress).toBe(false);
      const key = cachePolicy(b.CachePolicyId).ParametersInCacheKeyAndForwardedToOrigin;
      expect([key.EnableAcceptEncodingGzip, key.EnableAcceptEncodingBrotli]).toEqual([false, false]);
    }
  });

  it('tells viewers the same Cache-Control per path kind as the publisher and the local origin', () => {
    const config = distributionConfig();
    const headerOf = (b: { ResponseHeadersPolicyId: { Ref: string } }) =>
      template.toJSON().Resources[b.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
    const cacheControl = (b: { ResponseHeadersPolicyId: { Ref: string } }) => headerOf(b).CustomHeadersConfig.Items;
    expect(cacheControl(behaviour('releases/*'))).toEqual([{ Header: 'Cache-Control', Override: true, Value: cacheControlByKind.installer }]);
    expect(cacheControl(behaviour('*.yml'))).toEqual([{ Header: 'Cache-Control', Override: true, Value: cacheControlByKind.manifest }]);
    expect(cacheControl(behaviour('*.blockmap'))).toEqual([{ Header: 'Cache-Control', Override: true, Value: cacheControlByKind.blockmap }]);
    expect(headerOf(config.DefaultCacheBehavior).SecurityHeadersConfig.StrictTransportSecurity.AccessControlMaxAgeSec).toBe(31_536_000);
  });

  it('writes access logs to the log bucket', () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalId(stack.logBucket), 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'cloudfront/',
    });
  });

  it('points A and AAAA alias records of the domain in the hosted zone parameter at the distribution', () => {
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Type: type,
        HostedZoneId: { Ref: 'HostedZoneId' },
        Name: { 'Fn::Join': ['', [{ Ref: 'DomainName' }, '.']] },
        AliasTarget: Match.objectLike({ DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] } }),
      });
    }
  });
});

describe('origin failover', () => {
  it('serves every behaviour from an origin group: primary bucket, then the secondary bucket parameter in its region', () => {
    const config = distributionConfig();
    const [group] = config.OriginGroups.Items;
    expect(config.OriginGroups.Quantity).toBe(1);
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(b.TargetOriginId).toBe(group.Id);
    const [primaryId, secondaryId] = group.Members.Items.map((m: { OriginId: string }) => m.OriginId);
    const origin = (id: string) => config.Origins.find((o: { Id: string }) => o.Id === id);
    expect(origin(primaryId).DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.bucket), 'RegionalDomainName'] });
    expect(JSON.stringify(origin(secondaryId).DomainName)).toContain('{"Ref":"SecondaryBucketName"},".s3.",{"Ref":"SecondaryBucketRegion"}');
    expect(template.toJSON().Rules.SecondaryBucketInAnotherRegion.Assertions[0].Assert).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'SecondaryBucketRegion' }] }],
    });
  });

  it('fails over on the 5xx an outage answers, and on an unreachable origin within seconds', () => {
    const [group] = distributionConfig().OriginGroups.Items;
    expect(group.FailoverCriteria.StatusCodes.Items).toEqual([500, 502, 503, 504]);
    for (const origin of distributionConfig().Origins) {
      expect(origin.ConnectionAttempts * origin.ConnectionTimeout).toBeLessThanOrEqual(10);
    }
  });

  it('lets the failover bucket stack grant GetObject (never List) to exactly this distribution', () => {
    const secondary = Template.fromStack(secondaryStack);
    secondary.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { Ref: 'BucketName' },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })]) },
    });
    const policy = Object.values(secondary.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === secondaryStack.getLogicalId(secondaryStack.bucket.node.defaultChild as never),
    )!;
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': { Ref: 'DistributionArn' } } },
      }),
    ]);
    template.hasOutput('DistributionArn', {});
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it('enables the additional distribution metrics (origin latency needs them)', () => {
    template.hasResourceProperties('AWS::CloudFront::MonitoringSubscription', {
      MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: 'Enabled' } },
    });
  });

  it('alarms on the 5xx error rate and on origin latency of this distribution', () => {
    const byMetric = Object.fromEntries(alarms().map((a) => [a.MetricName, a]));
    expect(Object.keys(byMetric).sort()).toEqual(['5xxErrorRate', 'OriginLatency']);
    for (const alarm of alarms()) {
      expect(alarm.Namespace).toBe('AWS/CloudFront');
      expect(alarm.Dimensions).toEqual(
        expect.arrayContaining([{ Name: 'DistributionId', Value: { Ref: stack.getLogicalId(stack.distribution.node.defaultChild as never) } }]),
      );
      expect(alarm.AlarmDescription).toContain('docs/operations/update-cdn-alarms.md');
    }
    expect(byMetric['5xxErrorRate'].Threshold).toBe(5);
  });

  it('sends alarm and OK to an encrypted SNS topic with the PagerDuty endpoint parameter subscribed over HTTPS', () => {
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: { Ref: 'AlarmSubscriptionEndpoint' },
      TopicArn: { Ref: topicId },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(template.toJSON().Rules.DeployedInUsEast1).toBeDefined();
  });
});

describe('parameters and outputs', () => {
  it('takes account, domain, certificate and hosted zone as parameters', () => {
    const parameters = template.toJSON().Parameters;
    expect(Object.keys(parameters).sort()).toEqual([
      'AccountId',
      'AlarmSubscriptionEndpoint',
      'CertificateArn',
      'DomainName',
      'HostedZoneId',
      'SecondaryBucketName',
      'SecondaryBucketRegion',
    ]);
    expect(parameters.DomainName.Default).toBe(platform.updatesDomain);
    expect(parameters.HostedZoneId.Type).toBe('AWS::Route53::HostedZone::Id');
    expect(new RegExp(parameters.CertificateArn.AllowedPattern).test('arn:aws:acm:eu-west-1:123456789012:certificate/0b6c1b7e-1111-2222-3333-444455556666')).toBe(false);
    expect(new RegExp(parameters.CertificateArn.AllowedPattern).test('arn:aws:acm:us-east-1:123456789012:certificate/0b6c1b7e-1111-2222-3333-444455556666')).toBe(true);
    expect(template.toJSON().Rules.DeployedInExpectedAccount.Assertions[0].Assert).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::AccountId' }, { Ref: 'AccountId' }],
    });
  });

  it('outputs the bucket name, distribution id and URL the publisher and the app need', () => {
    template.hasOutput('BucketName', { Value: { Ref: logicalId(stack.bucket) } });
    template.hasOutput('DistributionId', { Value: { Ref: stack.getLogicalId(stack.distribution.node.defaultChild as never) } });
    template.hasOutput('UpdatesUrl', { Value: { 'Fn::Join': ['', ['https://', { Ref: 'DomainName' }, '/']] } });
  });

  it('needs no CDK bootstrap (a plain CloudFormation template)', () => {
    const json = template.toJSON();
    expect(json.Parameters.BootstrapVersion).toBeUndefined();
    expect(json.Rules.CheckBootstrapVersion).toBeUndefined();
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has zero unacknowledged findings', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId)}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('still catches findings: the same checks flag a bucket that is not configured this way', () => {
    const other = new App();
    new Bucket(new Stack(other, 'Careless'), 'Plain');
    const report = new AwsSolutionsChecks(other).validateScope(other);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
