// The channel handlers, written once against the contract and mounted by both transports.
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { listAuditEvents, verifyAuditChain } from '../audit';
import type { Handlers } from '../host/router';

export interface HandlerDeps {
  db: Database.Database;
  info: AppInfo;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    app: {
      getInfo: () => deps.info,
    },
    audit: {
      list: (filter) => listAuditEvents(deps.db, filter),
      verify: () => verifyAuditChain(deps.db),
    },
  };
}
