// Registration search by any word of a user's name or UPN ("Jensen" finds "Amelia Jensen", "jen"
// finds her too): one row per word, user and snapshot, keyed so that a word prefix is one index range.
// Filled when a snapshot becomes current (registration/store.ts promoteRun), from the report's rows and
// the /users stream's; the current snapshots already here get their words now. The split below is this
// step's own copy of src/shared/searchWords.ts personWords as it was written (a migration imports nothing
// that may change later): the name and the UPN before its "@", lower case, accents dropped, anything but
// a letter or digit separating words.
import type { Migration } from './types';

function wordsOf(name: string, upn: string): string[] {
  const at = upn.indexOf('@');
  const words = `${name} ${at < 0 ? upn : upn.slice(0, at)}`
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return [...new Set(words.filter((w) => w.length > 0))];
}

export const migration0090: Migration = {
  version: 90,
  name: 'registration-words',
  up(db) {
    db.exec(`
      CREATE TABLE registration_words (
        snapshot_id INTEGER NOT NULL,
        word        TEXT NOT NULL,                      -- lower case, accents dropped
        user_id     TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, word, user_id)
      ) STRICT, WITHOUT ROWID;
    `);
    const people = db
      .prepare(
        `SELECT snapshot_id, user_id, display_name, upn FROM registration_snapshot
         UNION SELECT u.snapshot_id, u.user_id, u.display_name, u.upn FROM registration_users u
           JOIN registration_runs r ON r.id = u.snapshot_id AND r.state = 'current'`,
      )
      .all() as { snapshot_id: number; user_id: string; display_name: string; upn: string }[];
    const insert = db.prepare('INSERT OR IGNORE INTO registration_words (snapshot_id, word, user_id) VALUES (?, ?, ?)');
    for (const p of people) {
      for (const word of wordsOf(p.display_name, p.upn)) insert.run(p.snapshot_id, word, p.user_id);
    }
  },
};
