// Azure Monitor's documented rules the demo endpoints apply, each with the page it comes from (a path
// in MicrosoftDocs/azure-monitor-docs). Where a page is silent the note says so and the stricter choice is made.

/** Logs Ingestion API limits: articles/azure-monitor/fundamentals/service-limits.md, "Logs Ingestion API". */
export const INGESTION_LIMITS = {
  /** "Maximum size of API call: 1 MB. Both compressed and uncompressed data." 1 MB read as 1,048,576 bytes. */
  maxCallBytes: 1024 * 1024,
  /** "Maximum data/minute per DCR: 2 GB. Both compressed and uncompressed data." */
  maxBytesPerMinutePerDcr: 2 * 1024 * 1024 * 1024,
  /** "Maximum requests/minute per DCR: 12,000." Both answer 429 with Retry-After. */
  maxRequestsPerMinutePerDcr: 12_000,
  doc: 'articles/azure-monitor/fundamentals/service-limits.md',
} as const;

/**
 * The token audiences per cloud: ingestion, articles/azure-monitor/logs/logs-ingestion-api-overview.md
 * ("Request headers"); query, articles/azure-monitor/logs/api/access-api.md. The demo serves the global cloud's.
 */
export const INGESTION_AUDIENCE = 'https://monitor.azure.com';
export const QUERY_AUDIENCE = 'https://api.loganalytics.io';

/** The only api-version the ingestion URI documents: logs-ingestion-api-overview.md, "URI". */
export const INGESTION_API_VERSION = '2023-01-01';

/**
 * Column names: logs-ingestion-api-overview.md, "Supported tables" (start with a letter, up to 45
 * letters, digits and underscores; some names reserved). The page does not say what the service does
 * with a column the stream does not declare; the demo refuses the call (stricter than dropping it).
 */
export const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,44}$/;
export const RESERVED_COLUMNS = ['_ResourceId', 'id', '_SubscriptionId', 'TenantId', 'Type', 'UniqueId', 'Title'];

/**
 * The ingestion API's error body. The pages show none; the demo answers the OneAPI shape the Logs query API
 * documents (articles/azure-monitor/logs/api/response-format.md, "errors": { error: { code, message } }).
 */
export interface MonitorErrorBody {
  error: { code: string; message: string; innererror?: { code: string; message: string } };
}
