// One tenant data folder's forwarding: what it forwards to (an admin's choice kept in the tenant's settings,
// or the default: the demo tenant's own workspace in demo mode, nothing for a real tenant) and when it runs
// (while an agent is signed in and this folder is the one in use; it forwards as that agent). Sign-out, a
// tenant switch and closing stop it; audit rows written meanwhile wait in the outbox for the next sign-in.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { ForwardingConfig, ForwardingSettingsView, ForwardingStatus } from '../../../shared/forwarding';
import type { AgentSession } from '../auth/session';
import { createLogger } from '../log';
import { getForwardingChoice } from '../settings/settings';
import { outboxStatus, unconfiguredStatus } from './forwarder';
import { destinationKey, Outbox } from './outbox';
import { ForwardingService, type ForwardingServiceOptions, type ForwardingSession } from './service';

const log = createLogger('forwarding');

/** The demo tenant's outbox key: its origin's port changes every start, its rule and stream do not. */
export function demoDestinationKey(config: ForwardingConfig): string {
  return `demo-tenant|${config.dcrImmutableId}|${config.streamName}`;
}

/**
 * This data folder's name in the team view: the computer's name and a short mark of the folder, so two
 * data folders on one PC (two demo desks) stay two desks whose rows never mix.
 */
export function deskName(folder: string, host: string = hostname()): string {
  const mark = createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 6);
  return `${host || 'PC'} (${mark})`;
}

export interface TenantForwardingOptions extends Pick<ForwardingServiceOptions, 'pollMs' | 'tuning'> {
  db: BetterSqlite3.Database;
  session: ForwardingSession & Pick<AgentSession, 'onAgentChange' | 'state'>;
  desk: string;
  /** Demo mode: the demo tenant's own workspace (its ingestion endpoint, rule, stream, workspace id). */
  demoDestination?: () => ForwardingConfig | null;
  /** Whether this folder is the tenant data in use now (the runtime keeps one per mode). */
  isCurrent?: () => boolean;
}

export interface EffectiveForwarding {
  config: ForwardingConfig | null;
  source: 'saved' | 'default';
  savedBy: string | null;
  savedAt: string | null;
  /** The outbox's key for `config`. */
  destination: string | null;
}

export class TenantForwarding {
  private readonly service: ForwardingService;
  private unsubscribe: (() => void) | null = null;
  private runningKey: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: TenantForwardingOptions) {
    this.service = new ForwardingService({
      db: opts.db,
      session: opts.session,
      desk: opts.desk,
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
      ...(opts.tuning ? { tuning: opts.tuning } : {}),
    });
  }

  /** The demo tenant's workspace in demo mode, else null: what the form offers and the demo's default. */
  suggested(): ForwardingConfig | null {
    return this.opts.demoDestination?.() ?? null;
  }

  effective(): EffectiveForwarding {
    const choice = getForwardingChoice(this.opts.db);
    if (choice)
      return {
        config: choice.config,
        source: 'saved',
        savedBy: choice.savedBy,
        savedAt: choice.savedAt,
        destination: choice.config ? this.keyOf(choice.config) : null,
      };
    const demo = this.suggested();
    return {
      config: demo,
      source: 'default',
      savedBy: null,
      savedAt: null,
      destination: demo ? demoDestinationKey(demo) : null,
    };
  }

  /** Whether `config` is the demo tenant's own workspace (saving it means "the demo default"). */
  isDemoDefault(config: ForwardingConfig): boolean {
    const demo = this.suggested();
    return (
      demo !== null &&
      demo.ingestionEndpoint === config.ingestionEndpoint &&
      demo.dcrImmutableId === config.dcrImmutableId &&
      demo.streamName === config.streamName &&
      (config.workspaceId ?? demo.workspaceId) === demo.workspaceId
    );
  }

  private keyOf(config: ForwardingConfig): string {
    return this.isDemoDefault(config) ? demoDestinationKey(config) : destinationKey(config);
  }

  status(): ForwardingStatus {
    const { config, destination } = this.effective();
    if (!config || !destination) return unconfiguredStatus();
    // Running or not (signed out a moment ago), the outbox of the destination in use says how it went.
    return outboxStatus(new Outbox(this.opts.db, destination));
  }

  view(): ForwardingSettingsView {
    const e = this.effective();
    return {
      config: e.config,
      source: e.source,
      suggested: this.suggested(),
      savedBy: e.savedBy,
      savedAt: e.savedAt,
      status: this.status(),
    };
  }

  /** Follows the session from now on: forwards while an agent is signed in and this folder is in use. */
  attach(): void {
    if (this.unsubscribe || this.closed) return;
    this.unsubscribe = this.opts.session.onAgentChange(() => void this.sync());
    void this.sync();
  }

  /**
   * Makes the running forwarder match what should run now (after a sign-in or sign-out, a saved choice, a
   * tenant switch). One change at a time, in order; resolves once this one is applied.
   */
  sync(): Promise<void> {
    const next = this.chain.then(async () => {
      const want = this.wanted();
      const key = want ? `${want.destination}|${want.config.workspaceId ?? ''}` : null;
      if (key === this.runningKey) return;
      this.runningKey = key;
      await this.service.configure(want?.config ?? null, want ? { destination: want.destination } : {});
    });
    this.chain = next.catch((error: unknown) => log.error('forwarding could not be started or stopped', { error }));
    return this.chain;
  }

  private wanted(): { config: ForwardingConfig; destination: string } | null {
    if (this.closed || !this.unsubscribe) return null;
    if (this.opts.isCurrent && !this.opts.isCurrent()) return null;
    if (this.opts.session.state().status !== 'signed-in') return null;
    const { config, destination } = this.effective();
    return config && destination ? { config, destination } : null;
  }

  /** Stops for good (runtime close): no forwarder, no timer left. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.sync();
    await this.service.stop();
  }
}
