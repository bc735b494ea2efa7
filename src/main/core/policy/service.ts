// Tenant policy, cached: answers from SQLite at once (with each part's age) and refreshes from Graph
// when asked. Whether the cache is stale is its own question (`isStale`): the handler of `policy:get`
// then starts a `policy-refresh` job (policy/refreshJob.ts), which runs `refresh` here.
import type Database from 'better-sqlite3';
import type { PolicyView } from '../../../shared/contract';
import { POLICY_PARTS } from '../../../shared/policy';
import { ResetlineError } from '../../../shared/result';
import type { AgentSession } from '../auth/session';
import { createLogger } from '../log';
import { fetchPolicyPart } from './fetch';
import { readPolicySnapshot, writePolicyError, writePolicyValue } from './policyCache';
import { background } from '../graph/budget';

const log = createLogger('policy');

/** How a refresh went: parts fetched, and how many of them failed (each keeps its last value and why). */
export interface PolicyRefreshOutcome {
  parts: number;
  failed: number;
}

const POLICY_MAX_AGE_MS = 15 * 60 * 1000;
/** After a refresh attempt, reads do not start another for this long, even if a part failed. */
const POLICY_RETRY_AFTER_MS = 2 * 60 * 1000;

export class PolicyService {
  private refreshing: Promise<PolicyRefreshOutcome> | null = null;
  private partsDone = 0;
  /** Last background or explicit refresh per tenant: a part that always fails (no role) must not refetch on every read. */
  private lastAttempt = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly session: AgentSession,
    private readonly now: () => number = Date.now,
  ) {}

  private tenantKey(): string {
    return this.session.tenantKey();
  }

  /** The cached policy now, and whether a refresh is under way (its job id is the handler's to add). */
  get(): PolicyView {
    const snapshot = readPolicySnapshot(this.db, this.tenantKey());
    return { snapshot, refreshing: this.refreshing !== null, refreshJobId: null };
  }

  /**
   * Whether a part is older than the refresh interval (or never fetched) and a refresh should start now:
   * not within POLICY_RETRY_AFTER_MS of the last attempt (a part that always fails must not refetch on
   * every read), and only for a signed-in agent.
   */
  isStale(): boolean {
    const key = this.tenantKey();
    const snapshot = readPolicySnapshot(this.db, key);
    const stale = POLICY_PARTS.some((p) => {
      const at = snapshot[p].fetchedAt;
      return at === null || this.now() - Date.parse(at) > POLICY_MAX_AGE_MS;
    });
    const triedRecently = this.now() - (this.lastAttempt.get(key) ?? -Infinity) < POLICY_RETRY_AFTER_MS;
    return stale && !triedRecently && this.session.state().status === 'signed-in';
  }

  /** Parts the refresh under way has finished (fetched or failed), of POLICY_PARTS.length. */
  partsRefreshed(): number {
    return this.partsDone;
  }

  /** Fetches every part; a part that fails keeps its last good value and records why. Shared while it runs. */
  refresh(): Promise<PolicyRefreshOutcome> {
    this.refreshing ??= (async () => {
      const key = this.tenantKey();
      // A background refresh: low priority (graph/budget.ts).
      const client = background(this.session.graph());
      this.lastAttempt.set(key, this.now());
      this.partsDone = 0;
      let failed = 0;
      await Promise.all(
        POLICY_PARTS.map(async (part) => {
          try {
            const value = await fetchPolicyPart(client, part, this.session.graphCloud());
            writePolicyValue(this.db, key, part, value, this.now());
          } catch (error) {
            const e = error instanceof ResetlineError ? error : new ResetlineError('internal', String(error));
            log.warn('policy part refresh failed', { part, code: e.code });
            writePolicyError(this.db, key, part, e.code, e.message);
            failed += 1;
          } finally {
            this.partsDone += 1;
          }
        }),
      );
      return { parts: POLICY_PARTS.length, failed };
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async refreshAndGet(): Promise<PolicyView> {
    await this.refresh();
    return { snapshot: readPolicySnapshot(this.db, this.tenantKey()), refreshing: false, refreshJobId: null };
  }
}
