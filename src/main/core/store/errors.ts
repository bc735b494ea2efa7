// Named failures of the store, so callers (and the IPC envelope) can tell them apart.
import { ResetlineError } from '../../../shared/result';

/**
 * The file was written by a newer Resetline. We refuse it rather than guess: an older schema
 * reading newer data could misread it, and deleting or rebuilding it would lose the audit trail.
 */
export class DatabaseFromFutureError extends ResetlineError {
  readonly file: string;
  readonly fileVersion: number;
  readonly codeVersion: number;
  constructor(file: string, fileVersion: number, codeVersion: number) {
    super(
      'database_from_future',
      `The database ${file} has schema version ${fileVersion}, newer than this Resetline understands ` +
        `(${codeVersion}). Update Resetline; the file was left untouched.`,
    );
    this.name = 'DatabaseFromFutureError';
    this.file = file;
    this.fileVersion = fileVersion;
    this.codeVersion = codeVersion;
  }
}

/** The migration registry itself is malformed: a programming error caught at load and in tests. */
export class MigrationRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationRegistryError';
  }
}

/** A migration threw; nothing was applied (all pending migrations share one transaction). */
export class MigrationFailedError extends Error {
  readonly version: number;
  readonly backupPath: string | null;
  constructor(version: number, backupPath: string | null, cause: unknown) {
    super(
      `Migration ${version} failed; the database was rolled back` +
        (backupPath ? ` (backup at ${backupPath})` : '') +
        `: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationFailedError';
    this.version = version;
    this.backupPath = backupPath;
  }
}
