export { instantQuery, loadedRules } from './prometheus-api';
export type { QueryResult, RuleHealth } from './prometheus-api';
export { waitFor } from './wait-for';
export { WebhookReceiver } from './webhook-receiver';
export type { DeliveredAlert } from './webhook-receiver';
