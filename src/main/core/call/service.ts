// Opening and closing a call: the caller card, what the agent may do (the guard), the ways the
// caller can be verified; and at the end the record with the verification summary, after which
// every secret of the call is forgotten. Where the call stands in its verification, the questions it
// opens with and what the card may show are asked of verification (`CallVerification`, call/core.ts).
import { randomUUID } from 'node:crypto';
import {
  TICKET_REQUIRED_MESSAGE,
  type CallClosedView,
  type CallOutcome,
  type CallView,
  type OpenCallSummary,
} from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';
import type { GraphCloud } from '../../../shared/settings';
import type { SignedInAgent } from '../../../shared/auth';
import type { CallerCard } from '../../../shared/users';
import { getContactPoints, type ContactPoints } from '../graph/contacts';
import { maskEmail, maskPhone } from '../graph/mask';
import { getCallerIdentity, getCallerReports, withReports, type CallerReports } from '../graph/callerCard';
import { effectiveRoleTemplateIds, guardTargetOf, withinCloud } from '../eligibility/caller';
import { decideEligibility, isAdminTarget } from '../eligibility/guard';
import type { KnowledgeQuestion } from './challenges';
import type { CallerCore, CallVerification } from './core';
import type { CallState, ContactOption } from './state';

/** The places a code can go: registered methods first; the profile only where no method can be used. */
export function contactOptions(contacts: ContactPoints, questions: KnowledgeQuestion[]): ContactOption[] {
  const out: ContactOption[] = [];
  const phones = contacts.phoneMethods ?? [];
  for (const p of phones) {
    out.push({
      id: `sms-method-${p.phoneType}`,
      type: 'sms',
      label: `${p.phoneType === 'mobile' ? 'Mobile' : 'Alternate mobile'} ${maskPhone(p.number)}`,
      source: 'authentication-method',
      address: p.number,
    });
  }
  if (phones.length === 0 && contacts.profileMobile) {
    out.push({
      id: 'sms-profile',
      type: 'sms',
      label: `Mobile (profile) ${maskPhone(contacts.profileMobile)}`,
      source: 'profile',
      address: contacts.profileMobile,
    });
  }
  const emails = contacts.emailMethods ?? [];
  emails.forEach((address, i) =>
    out.push({
      id: `email-method-${i}`,
      type: 'email',
      label: `Email ${maskEmail(address)}`,
      source: 'authentication-method',
      address,
    }),
  );
  if (emails.length === 0) {
    contacts.otherMails.forEach((address, i) =>
      out.push({
        id: `email-profile-${i}`,
        type: 'email',
        label: `Email (profile) ${maskEmail(address)}`,
        source: 'profile',
        address,
      }),
    );
  }
  if (contacts.manager?.mail) {
    out.push({
      id: 'manager',
      type: 'manager',
      label: `Manager ${contacts.manager.displayName} (${maskEmail(contacts.manager.mail)})`,
      source: 'manager',
      address: contacts.manager.mail,
    });
  }
  if (questions.length >= 2) {
    out.push({
      id: 'knowledge',
      type: 'knowledge',
      label: 'Questions from the directory',
      source: 'directory',
      address: '',
    });
  }
  return out;
}

export function callView(verification: CallVerification, call: CallState): CallView {
  return {
    callId: call.id,
    openedAt: new Date(call.openedAt).toISOString(),
    card: verification.shownCard(call.card),
    eligibility: call.eligibility,
    verification: verification.state(call),
    selfServiceCapable: call.card.registration ? call.card.registration.isSsprCapable : null,
    ticketRequired: verification.policy().ticketRequired,
  };
}

/** No contact points known yet (the reports part is pending) or readable (its read failed). */
const NO_CONTACTS: ContactPoints = {
  phoneMethods: null,
  emailMethods: null,
  profileMobile: null,
  otherMails: [],
  manager: null,
};

/** What the card as it stands decides: the guard's target, the agent's eligibility, admin or not. */
function judge(agent: SignedInAgent, card: CallerCard, cloud: GraphCloud) {
  const target = guardTargetOf(card, agent.id);
  const eligibility = withinCloud(decideEligibility(effectiveRoleTemplateIds(agent, card), target), cloud);
  return { target, eligibility, isAdmin: isAdminTarget(target) };
}

/**
 * Opens a call from the card's identity part (profile, manager, roles, groups, units: none of them in
 * Microsoft's reports service), while its reports part (methods, registration details) is read at the
 * same time, at high priority, through the same reports budget. The call answers as soon as the
 * identity part is in (`card.reportsPending`), so an agent never waits for a reports window a
 * background ingest filled; `call:get-methods` answers once the rest is in.
 */
export async function openCall(core: CallerCore, verification: CallVerification, targetId: string): Promise<CallView> {
  const agent = core.session.signedInAgent();
  const client = core.session.graph();
  const cloud = core.session.graphCloud();
  // Sent before the identity part is awaited: never throws, so a 404 on the profile leaves nothing dangling.
  const reportsRead = getCallerReports(client, targetId, { cloud });
  const card = await getCallerIdentity(client, targetId, {
    administrativeUnits: agent.scopedRoles.length > 0,
    cloud,
  });
  const questions = verification.questions(card.user);
  const call: CallState = {
    id: randomUUID(),
    openedAt: core.clock(),
    opening: { at: Date.now(), recorded: false, detail: {} },
    agent,
    card,
    ...judge(agent, card, cloud),
    contacts: NO_CONTACTS,
    // No way to verify is offered until the methods are known: where codes go depends on them.
    options: [],
    questions,
    challenges: new Map(),
    lockedOptions: new Set(),
    knowledgeStarted: false,
    passed: new Set(),
    failed: new Set(),
    proven: { sms: [], email: [] },
    vault: new Map(),
    pendingReset: null,
    actionsDone: [],
    running: false,
    reports: Promise.resolve(),
  };
  call.reports = completeWithReports(core, call, reportsRead, cloud).catch((error: unknown) => {
    call.card = withReports(call.card, {
      methods: [],
      rawMethods: null,
      methodsUnavailable: messageOf(error),
      registration: null,
      registrationUnavailable: messageOf(error),
    });
  });
  // Only looked at so far: 'call.opened' waits for the first audited event (audit/callAudit.ts).
  core.calls.add(call);
  return callView(verification, call);
}

/**
 * The call completed with the card's reports part: the methods and registration on the card, what
 * they change in the guard (the registration's isAdmin), where codes can go, and the opening's audit
 * detail. A part that cannot be read is said on the card, as any partial part; this never rejects.
 */
async function completeWithReports(
  core: CallerCore,
  call: CallState,
  reportsRead: Promise<CallerReports>,
  cloud: GraphCloud,
): Promise<void> {
  const reports = await reportsRead;
  const card = withReports(call.card, reports);
  const judged = judge(call.agent, card, cloud);
  let contacts = NO_CONTACTS;
  try {
    contacts = await getContactPoints(core.session.graph(), card.user.id, {
      readMethods: judged.eligibility.readMethods.allowed,
      cloud,
      methods: reports.rawMethods,
    });
  } catch (error) {
    // Where codes can go could not be read: said where the methods are, the card stays.
    if (!card.partial.some((p) => p.part === 'methods'))
      card.partial.push({ part: 'methods', message: messageOf(error) });
  }
  Object.assign(call, judged, { card, contacts, options: contactOptions(contacts, call.questions) });
  call.opening.detail = {
    admin: judged.isAdmin,
    selfServiceCapable: card.registration?.isSsprCapable ?? null,
    resetAllowed: judged.eligibility.resetPassword.allowed,
    // Which source each code could go to, so the record shows why a profile number was used.
    phoneSource:
      contacts.phoneMethods && contacts.phoneMethods.length > 0
        ? 'authentication-method'
        : contacts.profileMobile
          ? 'profile'
          : 'none',
  };
}

function messageOf(error: unknown): string {
  return error instanceof ResetlineError ? error.message : 'Microsoft Graph did not answer.';
}

const AUDIT_OUTCOME: Record<CallOutcome, 'success' | 'failure' | 'info'> = {
  resolved: 'success',
  'self-service': 'info',
  'not-verified': 'failure',
  escalated: 'info',
  abandoned: 'info',
};

/** What a reloaded window needs to offer the signed-in agent's open calls back. */
export function listOpenCalls(core: CallerCore, verification: CallVerification): OpenCallSummary[] {
  return core.calls.mine().map((call) => {
    const state = verification.state(call);
    return {
      callId: call.id,
      openedAt: new Date(call.openedAt).toISOString(),
      targetId: call.card.user.id,
      displayName: call.card.user.displayName,
      userPrincipalName: call.card.user.userPrincipalName,
      required: state.required,
      passed: state.passed.length,
      codesSent: [...call.challenges.values()].filter((c) => c.kind === 'code').length,
      actionsDone: call.actionsDone.length,
    };
  });
}

/**
 * A call forgotten unfinished (sign-out, another tenant): closed as abandoned with the reason, when it
 * is in the audit trail at all. Never throws: a busy database keeps the row to write later.
 */
export function closeForgottenCall(core: CallerCore, call: CallState, reason: string): void {
  if (!core.audit.audited(call)) return;
  try {
    core.audit.recordOutcome(call, 'call.closed', 'info', {
      outcome: 'abandoned',
      reason,
      actions: call.actionsDone.join(',') || null,
      durationSeconds: Math.max(0, Math.round((core.clock() - call.openedAt) / 1000)),
    });
  } catch {
    // A row the audit module refuses: the next start closes the call instead (leftOpen.ts).
  }
}

export function closeCall(
  core: CallerCore,
  verification: CallVerification,
  input: { callId: string; outcome: CallOutcome; ticketRef?: string | undefined; notes?: string | undefined },
): CallClosedView {
  const call = core.calls.get(input.callId);
  const extra = { ticketRef: input.ticketRef ?? null, notes: input.notes ?? null };
  if (input.outcome !== 'abandoned' && !input.ticketRef && verification.policy().ticketRequired) {
    throw new ResetlineError('invalid_input', TICKET_REQUIRED_MESSAGE);
  }
  try {
    // A caller only looked at (no code sent, no question asked, nothing run) leaves no call behind.
    if (input.outcome === 'abandoned' && !core.audit.audited(call)) return { callId: call.id, auditEventId: null };
    if (input.outcome === 'self-service') {
      core.audit.record(
        call,
        'deflect.self-service',
        'info',
        { selfServiceCapable: call.card.registration?.isSsprCapable ?? null },
        extra,
      );
    }
    const id = core.audit.record(
      call,
      'call.closed',
      AUDIT_OUTCOME[input.outcome],
      {
        outcome: input.outcome,
        actions: call.actionsDone.join(',') || null,
        undeliveredItems: [...call.vault.values()].filter((v) => v.state !== 'handed-over').length,
        durationSeconds: Math.max(0, Math.round((core.clock() - call.openedAt) / 1000)),
      },
      extra,
    );
    return { callId: call.id, auditEventId: id };
  } finally {
    // Even if the record cannot be written, nothing secret outlives the call.
    core.calls.drop(call.id);
  }
}
