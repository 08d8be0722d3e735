export { instantQuery, loadedRules } from './prometheus-api';
export type { QueryResult, RuleHealth } from './prometheus-api';
export { waitFor } from './wait-for';
export { WebhookReceiver } from './webhook-receiver';
export type { DeliveredAlert } from './webhook-receiver';
export { startPlatformAlertingTo } from './platform-alerting-to';
export type { DrillPlatform } from './platform-alerting-to';
export { stopChild } from './stop-child';
