// The caller workspace's pure decisions: the card's password expiry from the domain's policy, the
// badge colour of a check's status, and which step of the call is open.
import { describe, expect, it } from 'vitest';
import type { ActionResult, CallView, RunSummary } from '../../src/shared/caller';
import { passwordExpiry, passwordExpiryText } from '../../src/renderer/src/features/caller/labels';
import { challengeStatusColor } from '../../src/renderer/src/features/caller/flow/labels';
import { currentStep } from '../../src/renderer/src/features/caller/flow/CallPanel';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const user = (over: Partial<Parameters<typeof passwordExpiry>[0]> = {}) => ({
  userPrincipalName: 'evan.expired@contoso.com',
  lastPasswordChangeDateTime: ago(200),
  passwordPolicies: null,
  synced: false,
  ...over,
});
const DOMAINS = [
  { id: 'contoso.com', passwordValidityPeriodInDays: 90 },
  { id: 'fabrikam.com', passwordValidityPeriodInDays: 2147483647 },
];

describe('passwordExpiry', () => {
  it('says how long ago a password expired under its domain’s validity period', () => {
    const expiry = passwordExpiry(user(), DOMAINS, NOW);
    expect(expiry).toEqual({ state: 'expired', days: 110, validityDays: 90 });
    expect(passwordExpiryText(expiry)).toBe('Expired 110 days ago (the domain allows 90 days)');
  });

  it('counts the days left on a password still valid, and matches the domain case-insensitively', () => {
    const expiry = passwordExpiry(
      user({ userPrincipalName: 'alex@CONTOSO.com', lastPasswordChangeDateTime: ago(20) }),
      DOMAINS,
      NOW,
    );
    expect(expiry).toEqual({ state: 'valid', daysLeft: 70, validityDays: 90 });
  });

  it('uses Graph’s 90-day default for a domain the policy does not list', () => {
    expect(passwordExpiry(user({ userPrincipalName: 'x@other.example' }), DOMAINS, NOW)).toMatchObject({
      state: 'expired',
      days: 110,
    });
  });

  it('never expires with DisablePasswordExpiration or a never-expiring domain; synced follows AD', () => {
    expect(
      passwordExpiry(user({ passwordPolicies: 'DisableStrongPassword, DisablePasswordExpiration' }), DOMAINS, NOW),
    ).toEqual({
      state: 'never',
      why: 'account',
    });
    expect(passwordExpiry(user({ userPrincipalName: 'a@fabrikam.com' }), DOMAINS, NOW)).toEqual({
      state: 'never',
      why: 'domain',
    });
    expect(passwordExpiry(user({ synced: true }), DOMAINS, NOW)).toEqual({ state: 'on-premises' });
  });

  it('does not guess without the domains or a last change', () => {
    expect(passwordExpiry(user(), null, NOW)).toEqual({ state: 'unknown' });
    expect(passwordExpiry(user({ lastPasswordChangeDateTime: null }), DOMAINS, NOW)).toEqual({ state: 'unknown' });
  });
});

describe('challengeStatusColor', () => {
  it('shows a locked or failed check in the danger colour, apart from passed and waiting', () => {
    expect(challengeStatusColor('locked')).toBe('danger');
    expect(challengeStatusColor('failed')).toBe('danger');
    expect(challengeStatusColor('passed')).toBe('success');
    expect(challengeStatusColor('open')).not.toBe('danger');
  });
});

describe('currentStep', () => {
  const refused = { allowed: false, reason: 'Your role cannot.', whoCan: ['Global Administrator'] } as const;
  const view = (met: boolean, resetAllowed = true) =>
    ({
      verification: { met },
      eligibility: {
        resetPassword: resetAllowed ? { allowed: true } : refused,
        issueTap: refused,
        revokeSessions: refused,
        enableAccount: refused,
        requireMfaReregistration: refused,
        readMethods: refused,
      },
    }) as unknown as CallView;
  const result = (over: Partial<ActionResult>): ActionResult => ({
    kind: 'resetPassword',
    status: 'done',
    message: '',
    ...over,
  });
  const run = (...results: ActionResult[]): RunSummary => ({
    results,
    complete: results.every((r) => r.status === 'done'),
  });
  const none = () => false;

  it('opens verification first, then the actions once verified', () => {
    expect(currentStep(view(false), null, none, false)).toBe('verify');
    expect(currentStep(view(true), null, none, false)).toBe('act');
  });

  it('opens the actions at once when the agent may do nothing for this caller: no verifying for nothing', () => {
    expect(currentStep(view(false, false), null, none, false)).toBe('act');
  });

  it('keeps the actions open while they run, while a synced reset is confirmed, and when nothing was done', () => {
    expect(currentStep(view(true), null, none, true)).toBe('act');
    expect(currentStep(view(true), run(result({ status: 'pending', secretId: 's1' })), none, false)).toBe('act');
    expect(currentStep(view(true), run(result({ status: 'failed' })), none, false)).toBe('act');
  });

  it('moves to the hand-over while a secret waits, then to closing the call', () => {
    const ran = run(result({ secretId: 's1' }));
    expect(currentStep(view(true), ran, none, false)).toBe('handover');
    expect(currentStep(view(true), ran, (id) => id === 's1', false)).toBe('close');
    expect(currentStep(view(true), run(result({ kind: 'revokeSessions' })), none, false)).toBe('close');
  });
});
