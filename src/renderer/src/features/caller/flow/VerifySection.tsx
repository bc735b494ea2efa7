// Step 1 of the call: prove the caller is who they say. The policy's requirement, a checklist of
// passed and failed checks, and per option a way to send a code (with resend cool-down) or to ask
// the directory questions — or, while the caller is locked after too many failures, when that ends.
import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular, DismissCircleRegular } from '@fluentui/react-icons';
import { useEffect, useRef, type RefObject } from 'react';
import type { CallView, ChallengeView, VerificationLock, VerificationOption } from '../../../../../shared/caller';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorTitle } from '../../../components/errorTitles';
import { formatTime } from '../../../format';
import { useStore } from '../../../store';
import { CodeEntry, KnowledgeEntry } from './ChallengeEntry';
import {
  challengeStatusColor,
  challengeStatusLabel,
  formatRemaining,
  sourceLabel,
  verificationTypeLabel,
} from './labels';
import { useNow } from './useNow';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  checklist: { margin: 0, paddingLeft: 0, listStyle: 'none', display: 'flex', gap: tokens.spacingHorizontalL },
  passed: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

function Checklist({ view }: { view: CallView }) {
  const styles = useStyles();
  const { passed, failed } = view.verification;
  if (passed.length === 0 && failed.length === 0) return null;
  return (
    <ul className={styles.checklist} aria-label="Verification checks">
      {passed.map((t) => (
        <li key={`p-${t}`} className={styles.passed}>
          <CheckmarkCircleRegular aria-hidden /> {verificationTypeLabel(t)} passed
        </li>
      ))}
      {failed.map((t) => (
        <li key={`f-${t}`} className={styles.failed}>
          <DismissCircleRegular aria-hidden /> {verificationTypeLabel(t)} failed
        </li>
      ))}
    </ul>
  );
}

function SendButton({ option, challenge }: { option: VerificationOption; challenge: ChallengeView | undefined }) {
  const startChallenge = useStore((s) => s.startChallenge);
  const busy = useStore((s) => s.call.busy === option.id);
  const resendAt = challenge?.canResendAt ?? null;
  const waitUntil = resendAt === null ? null : Date.parse(resendAt);
  const now = useNow(waitUntil !== null);
  if (challenge?.status === 'passed' || challenge?.status === 'locked') return null;
  const coolDown = waitUntil !== null && waitUntil > now ? waitUntil - now : 0;
  const text =
    challenge === undefined ? 'Send code' : coolDown > 0 ? `Resend in ${formatRemaining(coolDown)}` : 'Resend code';
  // The name starts with what the button shows (WCAG 2.5.3, label in name: a speech user says what they
  // see), then says which way the code goes.
  return (
    <Button
      aria-label={`${text}: ${option.label}`}
      disabled={busy || coolDown > 0}
      onClick={() => void startChallenge(option.id)}
    >
      {text}
    </Button>
  );
}

function OptionRow({ option }: { option: VerificationOption }) {
  const styles = useStyles();
  const challenge = useStore((s) => s.call.challenges[option.id]);
  const error = useStore((s) => s.call.errors[option.id]);
  const startChallenge = useStore((s) => s.startChallenge);
  const busy = useStore((s) => s.call.busy === option.id);
  const knowledge = option.type === 'knowledge';
  return (
    <div className={styles.option} role="group" aria-label={option.label}>
      <div className={styles.row}>
        <Text weight="semibold">{verificationTypeLabel(option.type)}</Text>
        <Text className={styles.grow}>{option.label}</Text>
        <Badge appearance="outline" color={option.source === 'profile' ? 'warning' : 'informative'}>
          {sourceLabel(option.source)}
        </Badge>
        {challenge !== undefined && (
          <Badge appearance="tint" color={challengeStatusColor(challenge.status)}>
            {challengeStatusLabel(challenge.status)}
          </Badge>
        )}
        {knowledge ? (
          challenge === undefined && (
            <Button disabled={busy} onClick={() => void startChallenge(option.id)}>
              Ask a question
            </Button>
          )
        ) : (
          <SendButton option={option} challenge={challenge} />
        )}
      </div>
      {challenge?.status === 'open' &&
        (knowledge ? (
          <KnowledgeEntry challenge={challenge} />
        ) : (
          <CodeEntry optionId={option.id} challenge={challenge} />
        ))}
      {error !== undefined && <ErrorNotice title={errorTitle(error.code, 'check the caller')} error={error} />}
    </div>
  );
}

const hhmm = (iso: string) => formatTime(iso, { seconds: false });

function minutesAgo(iso: string, now: number): string {
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  return m === 0 ? 'less than a minute ago' : m === 1 ? '1 minute ago' : `${m} minutes ago`;
}

/** "Failed verification 4 minutes ago — locked until 10:42": counted across calls and agents in main. */
function LockoutNotice({ lock, now }: { lock: VerificationLock; now: number }) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid="verify-lockout">
      <MessageBarBody>
        <MessageBarTitle>
          Failed verification {minutesAgo(lock.lastFailureAt, now)} — locked until {hhmm(lock.lockedUntil)}
        </MessageBarTitle>{' '}
        {lock.failures} wrong codes or answers were given for this caller, in this call or earlier ones. No code can be
        sent and no question asked until then: escalate, or ask the caller to call back after {hhmm(lock.lockedUntil)}.
      </MessageBarBody>
    </MessageBar>
  );
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

/** The first control the agent can use inside `root`, skipping what is hidden (a folded step). */
function firstControl(root: Element | null): HTMLElement | null {
  if (root === null) return null;
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) if (el.getClientRects().length > 0) return el;
  return null;
}

/**
 * Once a check ends (passed, locked, expired) its entry form goes away: focus moves on — to the next
 * step's first control once the caller is verified, else to the next way to verify — never to <body>.
 */
function useFocusAfterCheck(section: RefObject<HTMLElement | null>, met: boolean) {
  const ended = useStore((s) => Object.values(s.call.challenges).filter((c) => c.status !== 'open').length);
  const before = useRef(ended);
  useEffect(() => {
    const grew = ended > before.current;
    before.current = ended;
    if (!grew) return;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      // The agent already moved on: leave their focus where it is.
      if (active !== null && active !== document.body && !section.current?.contains(active)) return;
      const next = met
        ? (firstControl(document.querySelector('section[aria-labelledby="act-title"]')) ??
          firstControl(section.current))
        : (firstControl(section.current?.querySelector('form') ?? null) ?? firstControl(section.current));
      (next ?? section.current?.querySelector<HTMLElement>('#verify-title'))?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [ended, met, section]);
}

/**
 * The policy needs two checks and nothing is under way yet: one button sends the code and asks the
 * directory questions (questions first, so the code box the caller reads into takes the focus).
 */
function StartChecks({ view }: { view: CallView }) {
  const startChallenge = useStore((s) => s.startChallenge);
  const started = useStore((s) => Object.keys(s.call.challenges).length > 0);
  const busy = useStore((s) => s.call.busy !== null);
  const { verification } = view;
  const knowledge = verification.options.find((o) => o.type === 'knowledge');
  const code =
    verification.options.find((o) => o.type === 'sms') ?? verification.options.find((o) => o.type === 'email');
  if (started || verification.required < 2 || verification.passed.length > 0 || !knowledge || !code) return null;
  const start = async () => {
    await startChallenge(knowledge.id);
    await startChallenge(code.id);
  };
  return (
    <div>
      <Button appearance="primary" disabled={busy} onClick={() => void start()}>
        Send {verificationTypeLabel(code.type)} and ask questions
      </Button>
    </div>
  );
}

/**
 * The caller's sign-in methods are still being read (the card showed without waiting for them): where
 * a code can go is not known yet, so nothing can be sent.
 */
function MethodsPending() {
  const styles = useStyles();
  return (
    <div className={styles.row} data-testid="verify-methods-pending">
      <Spinner
        size="extra-tiny"
        labelPosition="after"
        role="status"
        label={<span id="verify-methods-pending">Reading sign-in methods… the ways to verify appear in a moment.</span>}
      />
      <Button disabledFocusable aria-describedby="verify-methods-pending">
        Send SMS code…
      </Button>
    </div>
  );
}

export function VerifySection({ view }: { view: CallView }) {
  const styles = useStyles();
  const { verification } = view;
  const sectionRef = useRef<HTMLElement>(null);
  useFocusAfterCheck(sectionRef, verification.met);
  const lock = verification.lockout;
  const now = useNow(lock !== null);
  const locked = lock !== null && Date.parse(lock.lockedUntil) > now;
  const knowledgeOnly =
    !verification.met && verification.passed.length > 0 && verification.passed.every((t) => t === 'knowledge');
  return (
    <section className={styles.section} aria-labelledby="verify-title" ref={sectionRef}>
      <Subtitle2 as="h3" id="verify-title" tabIndex={-1}>
        1. Verify the caller
      </Subtitle2>
      <Text>
        {verification.required} {verification.required === 1 ? 'check' : 'checks'} required —{' '}
        {verification.requiredReason}
      </Text>
      <Checklist view={view} />
      {knowledgeOnly && (
        <Caption1 data-testid="verify-knowledge-alone">
          Directory questions count only alongside another check: send a code as well.
        </Caption1>
      )}
      {locked ? (
        <LockoutNotice lock={lock} now={now} />
      ) : verification.met ? (
        <MessageBar intent="success">
          <MessageBarBody>Verified: {verification.passed.map(verificationTypeLabel).join(' + ')}.</MessageBarBody>
        </MessageBar>
      ) : view.card.reportsPending === true ? (
        <MethodsPending />
      ) : verification.options.length === 0 ? (
        <Caption1>No way to verify this caller is available: escalate.</Caption1>
      ) : (
        <>
          <StartChecks view={view} />
          {verification.options.map((option) => (
            <OptionRow key={option.id} option={option} />
          ))}
        </>
      )}
    </section>
  );
}
