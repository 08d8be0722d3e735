export { startSentrySink, type SentrySink, type SentrySinkOptions } from './start-sentry-sink';
export { readSinkEnvelopes, errorEvents, rawEnvelope, type SinkEnvelope, type ReadEnvelopesOptions } from './read-sink-envelopes';
