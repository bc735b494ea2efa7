// The main-side face of forwarding: off until configured; configured, it forwards in the background as
// the signed-in agent (MonitorCredential over the session), with the demo CA trusted in demo mode, and
// answers the status Settings and History show. tenant.ts decides what it forwards to and when it runs.
import type BetterSqlite3 from 'better-sqlite3';
import type { ForwardingConfig, ForwardingStatus } from '../../../shared/forwarding';
import type { GraphCloud } from '../../../shared/settings';
import { MonitorCredential, type ResourceTokenSource } from '../auth/monitorCredential';
import { createIngestionClient } from './clients';
import { AuditForwarder, unconfiguredStatus, type ForwarderOptions } from './forwarder';

export interface ForwardingSession extends ResourceTokenSource {
  graphCloud(): GraphCloud;
  /** The demo tenant's CA when connected to it (trusted by the SDK clients only). */
  demoTenant(): { caCertPem: string } | null;
}

export interface ForwardingServiceOptions {
  db: BetterSqlite3.Database;
  session: ForwardingSession;
  /** This PC's name in the team view. */
  desk: string;
  pollMs?: number;
  /** Passed to the forwarder (tests shorten the back-off). */
  tuning?: Pick<ForwarderOptions, 'backoff' | 'minGapMs' | 'sleep' | 'now'>;
}

export class ForwardingService {
  private forwarder: AuditForwarder | null = null;

  constructor(private readonly opts: ForwardingServiceOptions) {}

  /**
   * Starts forwarding to `config`, or stops it (null). A new destination starts from the trail's first row;
   * `destination` names its outbox when the config's own key would not stay the same (the demo's port).
   */
  async configure(config: ForwardingConfig | null, options: { destination?: string } = {}): Promise<void> {
    await this.forwarder?.stop();
    this.forwarder = null;
    if (!config) return;
    const { session } = this.opts;
    const caPem = session.demoTenant()?.caCertPem;
    const client = createIngestionClient(
      config.ingestionEndpoint,
      new MonitorCredential(session, session.graphCloud(), 'ingestion'),
      caPem ? { caPem } : {},
    );
    this.forwarder = new AuditForwarder({
      db: this.opts.db,
      config,
      ...(options.destination ? { destination: options.destination } : {}),
      client,
      desk: this.opts.desk,
      ...this.opts.tuning,
    });
    this.forwarder.start(this.opts.pollMs);
  }

  status(): ForwardingStatus {
    return this.forwarder?.status() ?? unconfiguredStatus();
  }

  stop(): Promise<void> {
    return this.configure(null);
  }
}
