// What the host registers once per database: where each row's tenant comes from, and the key that
// signs checkpoints. Without a registration (tests, tools opening a copy) rows carry no tenant and
// nothing is signed, exactly as before checkpoints existed (docs/adr/0004-audit-trail.md).
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditSigningState } from '../../../shared/audit';
import type { TenantSettings } from '../../../shared/settings';
import { countCheckpoints, lastCheckpoint, signCheckpoint } from './checkpoints';
import type { AuditKey, CheckpointSigner } from './key';
import { cached, GENESIS_HASH, SELECT_ANCHOR, type AnchorRow } from './statements';

type Db = BetterSqlite3.Database;

export interface AuditTrailOptions {
  /** The tenant key stamped on each new row ('demo', 'global:<tenant id>'…). */
  tenant?: () => string;
  /** This install's checkpoint key (a file outside the database). */
  key?: AuditKey;
}

interface AuditTrail {
  tenant?: () => string;
  signing?: AuditSigningState;
  /** Set only while signing is 'active'. */
  signer?: CheckpointSigner;
}

const trails = new WeakMap<Db, AuditTrail>();

export const auditTrail = (db: Db): AuditTrail | undefined => trails.get(db);

/** The tenant key audit rows carry: 'demo', or '<cloud>:<tenant id in lower case>'. */
export function auditTenantKey(settings: TenantSettings): string {
  return settings.cloud === 'demo' ? 'demo' : `${settings.cloud}:${settings.tenantId.toLowerCase()}`;
}

const anchorOf = (db: Db): AnchorRow => {
  const anchor = cached(db, SELECT_ANCHOR).get() as AnchorRow | undefined;
  return anchor ?? { last_id: 0, last_hash: GENESIS_HASH };
};

/**
 * Registers the trail's tenant source and signing key for this connection and says whether the
 * checkpoints are protected. A new key is made only when nothing was ever signed, and the head is
 * signed at once, so from then on "a key but no checkpoint" means checkpoints were removed.
 */
export function configureAuditTrail(db: Db, options: AuditTrailOptions): AuditSigningState | undefined {
  const trail: AuditTrail = options.tenant ? { tenant: options.tenant } : {};
  if (options.key) {
    const signed = countCheckpoints(db) > 0;
    const load = options.key.load(!signed);
    if (load.state !== 'ready') trail.signing = load.state;
    else if (!signed && !load.created) trail.signing = 'checkpoints-missing';
    else {
      trail.signing = 'active';
      trail.signer = load.signer;
      if (load.created) {
        const anchor = anchorOf(db);
        signCheckpoint(db, load.signer, anchor.last_id, anchor.last_hash, false);
      }
    }
  }
  trails.set(db, trail);
  return trail.signing;
}

/**
 * Signs the chain's head unless the newest checkpoint already covers it (app close). Best effort:
 * returns false when it could not (another process holds the write lock, say); closing goes on.
 */
export function checkpointAuditTrail(db: Db): boolean {
  const signer = trails.get(db)?.signer;
  if (!signer) return false;
  try {
    db.transaction(() => {
      const anchor = anchorOf(db);
      if ((lastCheckpoint(db)?.row_id ?? -1) < anchor.last_id) {
        signCheckpoint(db, signer, anchor.last_id, anchor.last_hash, false);
      }
    }).immediate();
    return true;
  } catch {
    return false;
  }
}
