// The demo tenant's in-memory directory: users, groups, roles, methods, policy, audit log,
// long-running operations and the outbox. Graph routes and the identity side both act on it.
import { randomUUID } from 'node:crypto';
import type {
  AuthMethodsPolicy,
  DemoAdministrativeUnit,
  DemoAgent,
  DemoAuditEntry,
  DemoGroup,
  DemoMailboxPermissions,
  DemoOperation,
  DemoTenant,
  DemoUser,
  OutboxMessage,
} from './model-types';
import { settleOperation } from './model-operations';
import { roleAssignmentsOf, runSyncCycle, type RoleAssignment } from './model-directory';
import { roleDisplayName } from './roles';
import { validateNewPassword, type PasswordProblem } from './password-policy';

export * from './model-types';
export type { RoleAssignment } from './model-directory';
export { ROLE, ROLE_DISPLAY_NAMES, roleDisplayName, type RoleTemplateId, type RoleKey } from './roles';
export { validateNewPassword, meetsComplexity, isBannedPassword, type PasswordProblem } from './password-policy';

export class UnknownUserError extends Error {
  constructor(readonly userId: string) {
    super(`No user with id ${userId} in the demo directory`);
    this.name = 'UnknownUserError';
  }
}

export interface DemoDirectoryInit {
  tenant: DemoTenant;
  users: DemoUser[];
  groups: DemoGroup[];
  policy: AuthMethodsPolicy;
  audits: DemoAuditEntry[];
  agents: DemoAgent[];
  administrativeUnits?: DemoAdministrativeUnit[];
  mailboxPermissions?: DemoMailboxPermissions[];
  /** Minutes of directory clock between on-premises sync cycles; 0 = only syncTick(). Default 30. */
  syncIntervalMinutes?: number;
  /** Milliseconds since the epoch; tests may pin it. Defaults to Date.now. */
  clock?: () => number;
}

/**
 * Entra Connect's default cycle: "By default every 30 minutes a synchronization cycle is run"
 * (MicrosoftDocs/entra-docs docs/identity/hybrid/connect/how-to-connect-sync-feature-scheduler.md).
 */
export const DEFAULT_SYNC_INTERVAL_MINUTES = 30;

export interface DirectoryRoleObject {
  id: string;
  displayName: string;
  description: string;
  roleTemplateId: string;
}

export class DemoDirectory {
  readonly tenant: DemoTenant;
  readonly policy: AuthMethodsPolicy;
  readonly users: DemoUser[];
  readonly groups: Map<string, DemoGroup>;
  /** Newest last; Graph serves newest first. */
  readonly audits: DemoAuditEntry[];
  readonly operations = new Map<string, DemoOperation>();
  readonly outbox: OutboxMessage[] = [];
  readonly agents: DemoAgent[];
  readonly administrativeUnits: Map<string, DemoAdministrativeUnit>;
  /** Exchange mailbox rights (Send As, Send on Behalf, Full Access) other users hold. */
  readonly mailboxPermissions: DemoMailboxPermissions[];
  /** Minutes between sync cycles on the directory clock; 0 turns the schedule off (syncTick() still runs one). */
  syncIntervalMinutes: number;
  private lastSyncMs: number;
  private readonly byId = new Map<string, DemoUser>();
  private readonly byUpn = new Map<string, DemoUser>();
  private sortedByName: DemoUser[] | undefined;
  private clock: () => number;

  constructor(init: DemoDirectoryInit) {
    this.tenant = init.tenant;
    this.policy = init.policy;
    this.users = init.users;
    this.groups = new Map(init.groups.map((g) => [g.id, g]));
    this.audits = init.audits;
    this.agents = init.agents;
    this.clock = init.clock ?? Date.now;
    this.administrativeUnits = new Map((init.administrativeUnits ?? []).map((a) => [a.id, a]));
    this.mailboxPermissions = init.mailboxPermissions ?? [];
    this.syncIntervalMinutes = init.syncIntervalMinutes ?? DEFAULT_SYNC_INTERVAL_MINUTES;
    this.lastSyncMs = this.clock();
    for (const u of this.users) this.index(u);
  }

  private index(u: DemoUser): void {
    this.byId.set(u.id, u);
    this.byUpn.set(u.userPrincipalName.toLowerCase(), u);
  }

  now(): Date {
    return new Date(this.clock());
  }

  nowIso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** Tests pin or advance time with this (TAP expiry, password age). */
  setClock(clock: () => number): void {
    this.clock = clock;
  }

  newId(): string {
    return randomUUID();
  }

  getUser(id: string): DemoUser | undefined {
    return this.byId.get(id.toLowerCase()) ?? this.byId.get(id);
  }

  mustGetUser(id: string): DemoUser {
    const u = this.getUser(id);
    if (!u) throw new UnknownUserError(id);
    return u;
  }

  /** Case-insensitive, as Entra matches UPNs; guests keep their literal `#EXT#` (decode %23 before calling). */
  findUserByUpn(upn: string): DemoUser | undefined {
    return this.byUpn.get(upn.toLowerCase());
  }

  /** `/users/{id | userPrincipalName}` key, percent-decoded already. */
  resolveUser(idOrUpn: string): DemoUser | undefined {
    return idOrUpn.includes('@') ? this.findUserByUpn(idOrUpn) : this.getUser(idOrUpn);
  }

  /** Users in displayName order (then id), cached: $orderby=displayName pages through it. */
  usersByDisplayName(): DemoUser[] {
    if (!this.sortedByName) {
      this.sortedByName = [...this.users].sort((a, b) =>
        a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : 1,
      );
    }
    return this.sortedByName;
  }

  checkPassword(userId: string, password: string): boolean {
    // A reset that finished while nobody polled must be in force before a sign-in checks the password.
    this.tick();
    const u = this.getUser(userId);
    return u !== undefined && u.password === password;
  }

  /** Sets a password as the directory would after a successful change or reset. */
  setPassword(
    userId: string,
    password: string,
    opts: { forceChange: boolean; forceChangeWithMfa?: boolean; at?: number },
  ): void {
    const u = this.mustGetUser(userId);
    u.password = password;
    u.lastPasswordChangeDateTime =
      opts.at === undefined ? this.nowIso() : new Date(opts.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
    u.forceChangePasswordNextSignIn = opts.forceChange;
    u.forceChangePasswordNextSignInWithMfa = opts.forceChangeWithMfa ?? false;
  }

  /** For the sign-in page's forced change: undefined when acceptable. */
  checkNewPassword(password: string): PasswordProblem | undefined {
    return validateNewPassword(password);
  }

  /** Invalidates refresh tokens issued before now (the identity side compares their iat with this). */
  revokeSessions(userId: string): string {
    const u = this.mustGetUser(userId);
    // Strictly later than any token issued in this same second: the identity side compares whole seconds.
    const at = new Date(Math.ceil(this.clock() / 1000) * 1000).toISOString();
    u.signInSessionsValidFromDateTime = at;
    return at;
  }

  /** Tenant-wide roles: direct plus those held through role-assignable groups (never unit-scoped ones). */
  effectiveRoleTemplateIds(userId: string): string[] {
    const u = this.getUser(userId);
    if (!u) return [];
    const out = new Set(u.roleTemplateIds);
    for (const gid of u.groupIds) {
      const g = this.groups.get(gid);
      if (g) for (const r of g.roleTemplateIds) out.add(r);
    }
    return [...out];
  }

  /** The administrative units a user is a member of. */
  administrativeUnitsOf(userId: string): DemoAdministrativeUnit[] {
    return [...this.administrativeUnits.values()].filter((a) => a.memberIds.includes(userId));
  }

  /**
   * The roles a caller holds over one target: tenant-wide roles, plus roles scoped to an
   * administrative unit the target is a member of. "Role permissions apply only when managing
   * members of the administrative unit", and "can reset passwords for users in the administrative
   * unit only if those users don't have administrator roles" (MicrosoftDocs/entra-docs
   * docs/identity/role-based-access-control/admin-units-assign-roles.md).
   */
  rolesOver(callerId: string, targetId: string): string[] {
    const out = new Set(this.effectiveRoleTemplateIds(callerId));
    const targetIsAdmin =
      this.effectiveRoleTemplateIds(targetId).length > 0 || this.isMemberOfRoleAssignableGroup(targetId);
    if (targetIsAdmin) return [...out];
    for (const au of this.administrativeUnitsOf(targetId))
      for (const a of au.scopedRoles) if (a.principalId === callerId) out.add(a.roleTemplateId);
    return [...out];
  }

  /** Every role assignment in the tenant, as /roleManagement/directory/roleAssignments lists them. */
  roleAssignments(): RoleAssignment[] {
    return roleAssignmentsOf(this);
  }

  /** Can `actorId` send as (or on behalf of) the mailbox of `mailboxUserId`, and open it (Full Access)? */
  mailboxRights(mailboxUserId: string, actorId: string): { sendAs: boolean; fullAccess: boolean } {
    const p = this.mailboxPermissions.find((m) => m.mailboxUserId === mailboxUserId);
    return {
      sendAs: p !== undefined && (p.sendAs.includes(actorId) || p.sendOnBehalf.includes(actorId)),
      fullAccess: p !== undefined && p.fullAccess.includes(actorId),
    };
  }

  /**
   * Moves time-driven state to the directory clock: reset operations that finished unpolled, and
   * the on-premises sync cycle when its interval has passed. Every Graph request and every password
   * check call it; tests call it (or syncTick) directly.
   */
  tick(): void {
    const now = this.clock();
    for (const op of this.operations.values()) if (!op.applied) settleOperation(this, op, now);
    const every = this.syncIntervalMinutes * 60_000;
    if (every > 0 && now - this.lastSyncMs >= every) this.syncTick();
  }

  /** One Entra Connect sync cycle now: on-premises AD wins for the attributes it is the source of. */
  syncTick(): void {
    this.lastSyncMs = this.clock();
    runSyncCycle(this, this.nowIso());
  }

  isMemberOfRoleAssignableGroup(userId: string): boolean {
    const u = this.getUser(userId);
    return u !== undefined && u.groupIds.some((gid) => this.groups.get(gid)?.isAssignableToRole === true);
  }

  /** The activated directoryRole object for a template (object id derived so it is stable per tenant). */
  directoryRole(templateId: string): DirectoryRoleObject {
    const displayName = roleDisplayName(templateId);
    return {
      id: deriveId(this.tenant.tenantId, templateId),
      displayName,
      description: `Built-in role: ${displayName}.`,
      roleTemplateId: templateId,
    };
  }

  /** A TAP the user could sign in with right now, if any. */
  usableTemporaryAccessPass(
    userId: string,
  ): Extract<DemoUser['methods'][number], { kind: 'temporaryAccessPass' }> | undefined {
    const u = this.getUser(userId);
    if (!u) return undefined;
    const now = this.clock();
    for (const m of u.methods) {
      if (m.kind !== 'temporaryAccessPass') continue;
      const start = Date.parse(m.startDateTime);
      const end = start + m.lifetimeInMinutes * 60_000;
      if (now >= start && now < end && !(m.isUsableOnce && m.usedDateTime)) return m;
    }
    return undefined;
  }

  /** Identity side: accept a TAP once (if one-time) and mark it used. */
  redeemTemporaryAccessPass(userId: string, pass: string): boolean {
    const tap = this.usableTemporaryAccessPass(userId);
    if (!tap || tap.temporaryAccessPass !== pass) return false;
    if (tap.isUsableOnce) tap.usedDateTime = this.nowIso();
    return true;
  }

  addAudit(entry: Omit<DemoAuditEntry, 'id' | 'activityDateTime'> & { activityDateTime?: string }): DemoAuditEntry {
    const full: DemoAuditEntry = {
      ...entry,
      id: this.newId(),
      activityDateTime: entry.activityDateTime ?? this.nowIso(),
    };
    this.audits.push(full);
    return full;
  }

  addOutbox(msg: Omit<OutboxMessage, 'id' | 'at'> & { at?: string }): OutboxMessage {
    const full: OutboxMessage = { ...msg, id: this.newId(), at: msg.at ?? this.nowIso() };
    this.outbox.push(full);
    return full;
  }

  /** Users added after seeding (tests); keeps the indexes right. */
  addUser(u: DemoUser): void {
    this.users.push(u);
    this.index(u);
    this.sortedByName = undefined;
  }
}

/** A stable GUID-shaped id from two strings (FNV-1a), for objects that must not change between runs. */
export function deriveId(a: string, b: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = `${a}|${b}`;
  const parts: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ (s.charCodeAt(i) + round), 2246822519) >>> 0;
    }
    parts.push(((h1 ^ h2) >>> 0).toString(16).padStart(8, '0'));
  }
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
