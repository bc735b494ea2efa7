// What the card tells the agent to do, above the facts: an expired password, a disabled account (and
// whether this agent can enable it, or whom to ask), and ONE notice of everything the agent's roles (or
// the tenant) keep off this card, with the roles that would show it.
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CallView, GuardedAction } from '../../../../shared/caller';
import type { CallerCard } from '../../../../shared/users';
import { useStore } from '../../store';
import { actionLabel } from './flow/labels';
import { PART_LABELS, RECOMMENDED_ROLES, type PasswordExpiry } from './labels';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  line: { margin: `${tokens.spacingVerticalXS} 0 0` },
  toggle: { minWidth: 0, paddingLeft: 0, paddingRight: 0 },
});

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "Password expired 110 days ago": the domain's policy, not a guess, says so. */
export function ExpiredNotice({ expiry }: { expiry: PasswordExpiry }) {
  if (expiry.state !== 'expired') return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="caller-password-expired">
      <MessageBarBody>
        <MessageBarTitle>
          {expiry.days === 0 ? 'Password expired today' : `Password expired ${days(expiry.days)} ago`}
        </MessageBarTitle>{' '}
        The domain&apos;s passwords are valid for {days(expiry.validityDays)}: the caller cannot sign in with it. A
        reset gives them a new one.
      </MessageBarBody>
    </MessageBar>
  );
}

/** A disabled account: whether this agent can enable it in the call, and if not, who can. */
export function DisabledNotice({ card, view }: { card: CallerCard; view: CallView | null }) {
  if (card.user.accountEnabled !== false) return null;
  const enable = view?.eligibility.enableAccount;
  let text: string;
  if (enable === undefined) text = 'Sign-in is blocked for this account.';
  else if (enable.allowed)
    text = 'Sign-in is blocked: tick "Enable the account" in step 2 with the reset, or a new password will not help.';
  else if (enable.whoCan.length > 0)
    text = `Your role cannot enable it; ask: ${enable.whoCan.join(', ')}. A new password will not help until it is enabled.`;
  else text = `${enable.reason} A new password will not help until it is enabled.`;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="caller-disabled">
      <MessageBarBody>
        <MessageBarTitle>Disabled</MessageBarTitle> {text}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Actions whose refusal is about the agent's role (someone else could), worth naming on the card. */
type RoleLimitedAction = Exclude<GuardedAction, 'readMethods'>;
const ROLE_LIMITED: readonly RoleLimitedAction[] = [
  'resetPassword',
  'issueTap',
  'revokeSessions',
  'enableAccount',
  'requireMfaReregistration',
];

const SHORT_ACTION: Record<RoleLimitedAction, string> = {
  resetPassword: 'a password reset',
  issueTap: 'a Temporary Access Pass',
  revokeSessions: 'signing out everywhere',
  enableAccount: 'enabling the account',
  requireMfaReregistration: 'MFA re-registration',
};

interface Limit {
  key: string;
  short: string;
  detail: string;
  testId?: string;
}

/**
 * The actions this notice explains (refused for the agent's role, and someone else could do them):
 * step 2 names them in one line that points here instead of repeating why and who can.
 */
export function limitedByRole(card: CallerCard, view: CallView | null): RoleLimitedAction[] {
  if (view === null) return [];
  return ROLE_LIMITED.filter((action) => {
    const e = view.eligibility[action];
    if (e.allowed || e.whoCan.length === 0) return false;
    // Enabling an account that is already enabled is nothing the agent misses.
    return !(action === 'enableAccount' && card.user.accountEnabled !== false);
  });
}

function limitsOf(card: CallerCard, view: CallView | null, attemptsError: string | null): Limit[] {
  const limits: Limit[] = card.partial.map((p) => ({
    key: p.part,
    short: PART_LABELS[p.part].toLowerCase(),
    detail: `${PART_LABELS[p.part]}: ${p.message}`,
  }));
  if (card.registration === null)
    limits.push({
      key: 'registration',
      short: 'the registration report',
      detail: `Self-service and MFA registration: ${card.registrationUnavailable ?? 'Microsoft Graph gave no registration details.'}`,
    });
  if (attemptsError !== null)
    limits.push({
      key: 'attempts',
      short: 'self-service attempts',
      detail: `Self-service attempts: ${attemptsError}`,
      testId: 'caller-sspr-unavailable',
    });
  for (const action of limitedByRole(card, view)) {
    const e = view!.eligibility[action];
    if (e.allowed) continue;
    limits.push({
      key: action,
      short: SHORT_ACTION[action],
      detail: `${actionLabel(action)}: ${e.reason} Who can: ${e.whoCan.join(', ')}.`,
    });
  }
  return limits;
}

/** The one notice of what this card cannot show or offer, with why on demand and the roles to ask for. */
export function LimitsNotice({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const view = useStore((s) => (s.call.view?.card.user.id === card.user.id ? s.call.view : null));
  const attemptsError = useStore((s) => {
    const a = s.caller.attempts;
    if (a.status === 'error') return a.error.message;
    // Nothing read yet and the last read failed: the same gap (with an older answer, the card shows it).
    if (a.status === 'ready' && a.value.attempts.length === 0 && a.value.refreshError !== null)
      return a.value.refreshError.message;
    return null;
  });
  const [open, setOpen] = useState(false);
  const limits = limitsOf(card, view, attemptsError);
  if (limits.length === 0) return null;
  return (
    <MessageBar intent="info" layout="multiline" aria-label="Not available on this card" data-testid="caller-limits">
      <MessageBarBody>
        <MessageBarTitle>Not available to you here</MessageBarTitle> {limits.map((l) => l.short).join(', ')}.
        <p className={styles.line}>{RECOMMENDED_ROLES}</p>
        <Button
          appearance="transparent"
          size="small"
          className={styles.toggle}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide why' : 'Why, and who can'}
        </Button>
        <ul className={styles.list} hidden={!open} aria-label="Why not, and who can">
          {limits.map((l) => (
            <li key={l.key} data-testid={l.testId}>
              {l.detail}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
