// The shape of one schema step. Migrations carry their own SQL and never import the modules that
// use the tables, so a later change to those modules cannot change what an old step did.
import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; steps of 10 leave room for a hotfix in between. */
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}
