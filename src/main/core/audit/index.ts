// The tamper-evident audit trail: append, page through, verify (signed checkpoints included). No update or delete path exists.
export { appendAuditEvent, appendAuditEvents } from './append';
export {
  canonicalContent,
  chainHash,
  GENESIS_HASH,
  verifyAuditChain,
  verifyAuditChainAsync,
  type VerifyAsyncOptions,
  type VerifyProgress,
} from './chain';
export { CHECKPOINT_EVERY } from './checkpoints';
export { AUDIT_KEY_FILE, AuditKey, CheckpointSigner, type AuditKeyLoad, type KeySealer } from './key';
export { auditTenantKey, checkpointAuditTrail, configureAuditTrail, type AuditTrailOptions } from './trail';
export { AuditAnchorMissingError, AuditCursorError, AuditInputError, AuditSecretKeyError } from './errors';
export {
  buildAuditCountQuery,
  buildAuditListQuery,
  countAuditMatches,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  ftsQuery,
  listAuditEvents,
  searchTokens,
  MAX_PAGE_SIZE,
  type AuditCursor,
  type AuditListQuery,
} from './list';
export {
  toAuditEvent,
  type AuditChainRow,
  type AuditContent,
  type AuditEventInput,
  type AuditRow,
  type AuditStoredContent,
} from './rows';
export { AUDIT_STATS_SQL, auditStats, getCallTimeline } from './history';
export {
  AuditExportCancelledError,
  auditCsvLine,
  countAuditEvents,
  CSV_BOM,
  CSV_COLUMNS,
  csvCell,
  csvLine,
  writeAuditCsv,
} from './csv';
export { auditExportKind, auditExportSource, type AuditExportDeps } from './exportJobs';
export { CallAudit, callEventInput, type AuditedCall, type AuditWrite, type CallEvent } from './callAudit';
export { PendingAuditRows } from './pendingRows';
