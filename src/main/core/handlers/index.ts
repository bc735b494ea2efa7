// The channel handlers, written once against the contract and mounted by both transports.
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { listAuditEvents, verifyAuditChainAsync } from '../audit';
import type { AgentSession } from '../auth/session';
import { getCaller, searchUsers } from '../graph/users';
import type { Handlers } from '../host/router';
import type { PolicyService } from '../policy/service';
import { getTenantSettings, setTenantSettings } from '../settings/settings';

export interface HandlerDeps {
  db: Database.Database;
  info: () => AppInfo;
  session: AgentSession;
  policy: PolicyService;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, session } = deps;
  return {
    app: {
      getInfo: () => deps.info(),
    },
    audit: {
      list: (filter) => listAuditEvents(db, filter),
      // Chunked so a million-row check never freezes the other channels.
      verify: () => verifyAuditChainAsync(db),
    },
    auth: {
      signIn: () => session.signIn('interactive'),
      signInDeviceCode: () => session.signIn('device-code'),
      cancelSignIn: () => session.cancelSignIn(),
      signOut: () => session.signOut(),
      getSession: () => session.state(),
    },
    settings: {
      get: () => ({ tenant: getTenantSettings(db) }),
      update: async ({ tenant }) => {
        const before = JSON.stringify(getTenantSettings(db));
        setTenantSettings(db, tenant);
        // Another tenant (or app registration) means another identity: never carry a session across.
        if (JSON.stringify(tenant) !== before) await session.reset();
        return { tenant: getTenantSettings(db) };
      },
    },
    users: {
      search: ({ text }) => searchUsers(session.graph(), text),
      getCaller: ({ id }) => getCaller(session.graph(), id),
    },
    policy: {
      get: () => deps.policy.get(),
      refresh: () => deps.policy.refreshAndGet(),
    },
  };
}
