// A migrated audit database in a temp folder with a checkpoint key (so signed checkpoints are written
// every 100 rows): one desk's trail, for the forwarding tests and the team-trail fixture (e2e too, so no vitest).
import { join } from 'node:path';
import { AuditKey, configureAuditTrail } from '../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase, type Database } from '../../src/main/core/store';
import { tempDir } from '../unit/store/tempDb';
import { aesSealer } from './aesSealer';

export function auditDb(): { db: Database; file: string; dir: string; dispose(): void } {
  const t = tempDir();
  const file = join(t.dir, 'resetline.sqlite');
  const db = openDatabase(file);
  migrate(db, file);
  configureAuditTrail(db, { key: new AuditKey(join(t.dir, 'audit.key'), aesSealer()), tenant: () => 'demo' });
  return {
    db,
    file,
    dir: t.dir,
    dispose: () => {
      closeDatabase(db);
      t.dispose();
    },
  };
}
