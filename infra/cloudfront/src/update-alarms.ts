import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Thresholds of the update CDN alarms; the runbook docs/operations/update-cdn-alarms.md explains each. */
export const updateAlarmThresholds = {
  /** Percent of viewer requests answered 5xx, over 5 one-minute periods (3 breaching). */
  errorRatePercent: 5,
  /** Average origin latency in milliseconds (an additional metric), over 5 one-minute periods (3 breaching). */
  originLatencyMs: 3000,
};

/**
 * CloudWatch alarms on the distribution, published to an encrypted SNS topic whose HTTPS
 * subscriber (PagerDuty's CloudWatch integration) is a parameter. Each alarm also sends OK,
 * so the incident resolves itself.
 */
export function createUpdateAlarms(scope: Construct, distribution: Distribution, endpoint: string): Topic {
  const key = new Key(scope, 'AlarmTopicKey', {
    description: 'Encrypts the update CDN alarm topic',
    enableKeyRotation: true,
  });
  // CloudWatch must encrypt what it publishes to an SSE-KMS topic.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  const topic = new Topic(scope, 'AlarmTopic', {
    displayName: 'FACTSWAY update CDN alarms',
    masterKey: key,
    enforceSSL: true,
  });
  topic.addSubscription(new UrlSubscription(endpoint, { protocol: SubscriptionProtocol.HTTPS }));

  const period = Duration.minutes(1);
  const common = {
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    // No requests means no errors, not an unknown state.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  };
  const alarms = [
    new Alarm(scope, 'ErrorRateAlarm', {
      ...common,
      alarmName: 'factsway-updates-5xx-error-rate',
      alarmDescription: `More than ${updateAlarmThresholds.errorRatePercent}% of update requests answered 5xx (runbook: docs/operations/update-cdn-alarms.md)`,
      metric: distribution.metric5xxErrorRate({ period, statistic: 'Average' }),
      threshold: updateAlarmThresholds.errorRatePercent,
    }),
    new Alarm(scope, 'OriginLatencyAlarm', {
      ...common,
      alarmName: 'factsway-updates-origin-latency',
      alarmDescription: `Origin latency above ${updateAlarmThresholds.originLatencyMs} ms (runbook: docs/operations/update-cdn-alarms.md)`,
      metric: distribution.metricOriginLatency({ period, statistic: 'Average' }),
      threshold: updateAlarmThresholds.originLatencyMs,
    }),
  ];
  for (const alarm of alarms) {
    alarm.addAlarmAction(new SnsAction(topic));
    alarm.addOkAction(new SnsAction(topic));
  }
  return topic;
}
