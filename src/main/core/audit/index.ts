// The tamper-evident audit trail: append, page through, verify. No update or delete path exists.
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
export { AuditAnchorMissingError, AuditCursorError, AuditInputError, AuditSecretKeyError } from './errors';
export {
  buildAuditListQuery,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  listAuditEvents,
  MAX_PAGE_SIZE,
  type AuditCursor,
  type AuditListQuery,
} from './list';
export {
  SECRET_KEY,
  toAuditEvent,
  type AuditChainRow,
  type AuditContent,
  type AuditEventInput,
  type AuditRow,
} from './rows';
