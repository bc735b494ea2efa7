// The ordered registry of schema steps. Append new steps at the end with the next multiple of 10.
import { MigrationRegistryError } from '../errors';
import { migration0010 } from './0010-audit-events';
import { migration0020 } from './0020-settings';
import { migration0030 } from './0030-policy-cache';
import { migration0040 } from './0040-audit-search';
import { migration0050 } from './0050-sspr-activity';
import { migration0060 } from './0060-registration';
import { migration0070 } from './0070-audit-checkpoints';
import { migration0080 } from './0080-verify-attempts';
import { migration0090 } from './0090-registration-words';
import { migration0100 } from './0100-audit-forwarding';
import type { Migration } from './types';

export type { Migration } from './types';

/** Throws unless versions are positive integers, strictly increasing: the order is the schema. */
export function assertMigrationOrder(list: readonly Migration[]): void {
  let previous = 0;
  for (const m of list) {
    if (!Number.isSafeInteger(m.version) || m.version <= previous) {
      throw new MigrationRegistryError(
        `Migration "${m.name}" has version ${m.version}; versions must be integers increasing from ${previous}`,
      );
    }
    previous = m.version;
  }
}

export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
  migration0100,
];
assertMigrationOrder(MIGRATIONS);

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
