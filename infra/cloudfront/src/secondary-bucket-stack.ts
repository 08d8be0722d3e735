import { Aws, BootstraplessSynthesizer, CfnOutput, CfnParameter, CfnRule, Fn, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogBucketProps, updateBucketProps } from './update-bucket-props';

/**
 * The failover update bucket, deployed in a second region (a CloudFormation stack lives in
 * one region, and an S3 bucket policy can only be set from the bucket's own region).
 * Configured like the primary; readable only by the one distribution given as a parameter,
 * through Origin Access Control, and never listable. The publisher writes to it directly
 * (no replication: S3 replication does not order objects, see docs/adr/036).
 */
export class SecondaryBucketStack extends Stack {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: 'FACTSWAY desktop updates: failover S3 bucket in a second region, read only by the updates distribution',
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      ...props,
    });

    const accountId = new CfnParameter(this, 'AccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'AWS account this stack belongs in; deploying anywhere else fails before any resource is created',
    });
    const bucketName = new CfnParameter(this, 'BucketName', {
      type: 'String',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: 'Same value as SecondaryBucketName of the factsway-updates stack',
    });
    const distributionArn = new CfnParameter(this, 'DistributionArn', {
      type: 'String',
      allowedPattern: '^arn:aws:cloudfront::\\d{12}:distribution/[A-Z0-9]+$',
      description: 'Output DistributionArn of the factsway-updates stack: the only reader of this bucket',
    });
    new CfnRule(this, 'DeployedInExpectedAccount', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.ACCOUNT_ID, accountId.valueAsString),
          assertDescription: 'This stack must be deployed in the account given as AccountId',
        },
      ],
    });
    new CfnRule(this, 'NotInThePrimaryRegion', {
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, 'us-east-1')),
          assertDescription: 'The failover bucket belongs in another region than the primary (us-east-1)',
        },
      ],
    });

    this.logBucket = new Bucket(this, 'AccessLogs', accessLogBucketProps());
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log the log writes in a loop.',
    });
    this.bucket = new Bucket(this, 'Updates', { ...updateBucketProps(this.logBucket), bucketName: bucketName.valueAsString });
    // What S3BucketOrigin.withOriginAccessControl grants the primary: GetObject, for one distribution.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'AWS:SourceArn': distributionArn.valueAsString } },
      }),
    );

    new CfnOutput(this, 'SecondaryBucketName', {
      value: this.bucket.bucketName,
      description: 'Publisher --secondary-bucket / UPDATES_SECONDARY_BUCKET',
    });
    new CfnOutput(this, 'SecondaryBucketRegion', { value: Aws.REGION, description: 'Publisher --secondary-region / UPDATES_SECONDARY_REGION' });
  }
}
