// Synthetic registration rows written through the real writer into a real SQLite file.
import type BetterSqlite3 from 'better-sqlite3';
import type { RegistrationRow } from '../../../src/shared/registration';
import {
  createRun,
  promoteRun,
  RegistrationWriter,
  type DirectoryUserRow,
} from '../../../src/main/core/registration/store';

const METHOD_SETS = [
  [],
  ['mobilePhone'],
  ['microsoftAuthenticatorPush', 'mobilePhone'],
  ['fido2', 'microsoftAuthenticatorPush'],
  ['email'],
  ['windowsHelloForBusiness'],
  ['softwareOneTimePasscode', 'email'],
];
const DEPARTMENTS = ['Finance', 'Sales', 'Engineering', null];

export function syntheticRow(i: number): RegistrationRow {
  const methods = METHOD_SETS[i % METHOD_SETS.length]!;
  const sspr = methods.some((m) => ['mobilePhone', 'email', 'microsoftAuthenticatorPush'].includes(m));
  return {
    userId: `u-${String(i).padStart(5, '0')}`,
    userPrincipalName: `user${i}@contoso.com`,
    displayName: `${i % 2 === 0 ? 'Alex' : 'bea'} ${i}`,
    department: null,
    userType: i % 11 === 0 ? 'guest' : 'member',
    isAdmin: i % 13 === 0,
    isSsprRegistered: sspr,
    isSsprEnabled: true,
    isSsprCapable: sspr,
    isMfaRegistered: methods.length > 0 && !(methods.length === 1 && methods[0] === 'email'),
    isMfaCapable: methods.length > 0 && !(methods.length === 1 && methods[0] === 'email'),
    isPasswordlessCapable: methods.includes('fido2') || methods.includes('windowsHelloForBusiness'),
    methodsRegistered: [...methods],
    preferredMethod: methods.length ? 'push' : 'none',
  };
}

export function syntheticUser(i: number, overrides: Partial<DirectoryUserRow> = {}): DirectoryUserRow {
  const r = syntheticRow(i);
  return {
    userId: r.userId,
    userPrincipalName: r.userPrincipalName,
    displayName: r.displayName,
    department: DEPARTMENTS[i % DEPARTMENTS.length] ?? null,
    userType: r.userType,
    accountEnabled: true,
    passwordChangedAt: null,
    neverExpires: false,
    onPremises: false,
    ...overrides,
  };
}

/** A complete snapshot of `n` users made current; returns its id. */
export function seedSnapshot(db: BetterSqlite3.Database, tenantKey: string, n: number, now = Date.now()): number {
  const run = createRun(db, tenantKey, 'report', now);
  const w = new RegistrationWriter(db);
  const rows = Array.from({ length: n }, (_, i) => syntheticRow(i));
  w.writeRows(run.id, rows, null);
  w.writeUsers(
    run.id,
    rows.map((_, i) => syntheticUser(i)),
    null,
  );
  promoteRun(db, run.id, now);
  return run.id;
}
