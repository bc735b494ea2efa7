// The store's public face: open a database, bring its schema up to date, close it.
export { closeDatabase, openDatabase, type Database, type OpenDatabaseOptions } from './database';
export { DatabaseFromFutureError, MigrationFailedError, MigrationRegistryError } from './errors';
export { backupPathFor, migrate, type MigrateOptions, type MigrateResult } from './migrate';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
