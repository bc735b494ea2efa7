// Forwarding the audit trail to Azure Monitor Logs: the outbox, the forwarder, the SDK clients, team KQL.
export { AuditForwarder, unconfiguredStatus, type ForwarderOptions, type SendResult, type Uploader } from './forwarder';
export { MAX_CALL_BYTES, takeBatch } from './batch';
export { classifyFailure, DEFAULT_BACKOFF, retryAfterMs, type Backoff } from './failures';
export { createIngestionClient, createQueryClient, type ClientTrust } from './clients';
export { kqlDatetime, kqlString } from './kql';
export { destinationKey, Outbox } from './outbox';
export { dedupeRecords, RECORD_COLUMNS, type ForwardedRecord } from './records';
export { ForwardingService, type ForwardingServiceOptions, type ForwardingSession } from './service';
