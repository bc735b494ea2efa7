// The guided call beside the caller card, as a stepper: the self-service deflection when it applies,
// then 1 verify → 2 restore access → 3 hand over → 4 close. The step the call is at is open; the others
// fold to one line with what happened in them (the agent may open any), so the whole path fits a
// 1366×768 screen without scrolling. Folded steps stay mounted: their choices survive, Ctrl+Enter runs.
import {
  Body1,
  Button,
  Card,
  Link,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleFilled, ChevronRightRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { CallView, RunSummary } from '../../../../../shared/caller';
import { useStore } from '../../../store';
import { ActSection } from './ActSection';
import { CloseSection } from './CloseSection';
import { HandoverSection } from './HandoverSection';
import { verificationTypeLabel } from './labels';
import { RunResults } from './RunResults';
import { VerifySection } from './VerifySection';

export const SELF_SERVICE_URL = 'https://passwordreset.microsoftonline.com/';

const STEPS = ['verify', 'act', 'handover', 'close'] as const;
export type CallStep = (typeof STEPS)[number];
const STEP_TITLES: Record<CallStep, string> = {
  verify: '1. Verify the caller',
  act: '2. Restore access',
  handover: '3. Hand over',
  close: '4. Close the call',
};

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  first: { borderTop: 'none', paddingTop: 0 },
  folded: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  foldedTitle: { margin: 0, fontSize: 'inherit', fontWeight: 'inherit' },
  stepButton: { fontWeight: tokens.fontWeightSemibold, paddingLeft: 0, minWidth: 0 },
  stepText: { fontWeight: tokens.fontWeightSemibold },
  summary: { color: tokens.colorNeutralForeground3, minWidth: 0 },
  done: { color: tokens.colorPaletteGreenForeground1 },
  hidden: { display: 'none' },
});

/** Where the call is: the first step not yet finished. */
export function currentStep(
  view: CallView,
  run: RunSummary | null,
  handedOver: (secretId: string) => boolean,
  running: boolean,
): CallStep {
  // Nothing this agent may do for this caller: say why (and who could) before anyone verifies for nothing.
  const actions = ['resetPassword', 'issueTap', 'revokeSessions', 'enableAccount', 'requireMfaReregistration'] as const;
  if (!actions.some((a) => view.eligibility[a].allowed)) return 'act';
  if (!view.verification.met) return 'verify';
  if (run === null || running) return 'act';
  // Still being confirmed (a synced reset), or nothing done: the results and choices stay in view.
  if (run.results.some((r) => r.status === 'pending')) return 'act';
  if (!run.results.some((r) => r.status === 'done')) return 'act';
  const secrets = run.results.flatMap((r) => (r.secretId === undefined ? [] : [r.secretId]));
  if (secrets.some((id) => !handedOver(id))) return 'handover';
  return 'close';
}

function FoldedStep({
  step,
  summary,
  done,
  onOpen,
}: {
  step: CallStep;
  summary: ReactNode;
  done: boolean;
  onOpen: (() => void) | null;
}) {
  const styles = useStyles();
  return (
    <div className={styles.folded} data-testid={`step-${step}-folded`}>
      {/* A heading per step, as the open step has: screen-reader users jump between them. */}
      <h3 className={styles.foldedTitle}>
        {onOpen === null ? (
          <Body1 className={styles.stepText}>{STEP_TITLES[step]}</Body1>
        ) : (
          <Button
            appearance="transparent"
            className={styles.stepButton}
            icon={<ChevronRightRegular />}
            aria-expanded={false}
            onClick={onOpen}
          >
            {STEP_TITLES[step]}
          </Button>
        )}
      </h3>
      {done && <CheckmarkCircleFilled className={styles.done} aria-label="Done" />}
      {typeof summary === 'string' ? <Body1 className={styles.summary}>{summary}</Body1> : summary}
    </div>
  );
}

function DeflectionBanner({ view }: { view: CallView }) {
  const closeCall = useStore((s) => s.closeCall);
  const busy = useStore((s) => s.call.busy === 'close');
  if (view.selfServiceCapable !== true) return null;
  return (
    <MessageBar intent="info" layout="multiline" aria-label="Self-service available">
      <MessageBarBody>
        <MessageBarTitle>{view.card.user.displayName} can reset the password themselves</MessageBarTitle>
        They are registered for self-service password reset: send them to{' '}
        <Link href={SELF_SERVICE_URL} target="_blank" rel="noreferrer">
          {SELF_SERVICE_URL}
        </Link>
        .
      </MessageBarBody>
      <MessageBarActions>
        <Button disabled={busy} onClick={() => void closeCall({ outcome: 'self-service' })}>
          Caller will self-serve
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function Stepper({ view }: { view: CallView }) {
  const styles = useStyles();
  const run = useStore((s) => s.call.run);
  const running = useStore((s) => s.call.busy === 'run');
  const secrets = useStore((s) => s.call.secrets);
  const sent = useStore((s) => s.call.sent);
  const handedOver = (id: string) => secrets[id] !== undefined || sent[id] !== undefined;
  const current = currentStep(view, run, handedOver, running);
  // Steps the agent opened by hand; moving on to the next step folds them again.
  const [opened, setOpened] = useState<ReadonlySet<CallStep>>(new Set());
  const [openedAt, setOpenedAt] = useState(current);
  if (openedAt !== current) {
    // React's "adjust state while rendering" pattern: no extra render pass through an effect.
    setOpenedAt(current);
    setOpened(new Set());
  }
  // Once there is a secret, the hand-over stays in view until the call closes: while a synced reset is
  // confirmed, while the agent reads it out, and to show where it was sent.
  const hasSecret = (run?.results ?? []).some((r) => r.secretId !== undefined);
  const isOpen = (step: CallStep) => step === current || opened.has(step) || (step === 'handover' && hasSecret);
  const open = (step: CallStep) => () => setOpened((prev) => new Set([...prev, step]));

  const { verification } = view;
  const summaries: Record<CallStep, { summary: ReactNode; done: boolean; openable: boolean }> = {
    verify: {
      summary: verification.met
        ? `Verified: ${verification.passed.map(verificationTypeLabel).join(' + ')}`
        : `${verification.passed.length} of ${verification.required} ${verification.required === 1 ? 'check' : 'checks'} passed`,
      done: verification.met,
      openable: true,
    },
    act: {
      // Once something ran, the results stay in view (a synced reset's progress among them).
      summary: run === null ? verification.met ? 'Choose what to do' : 'Once the caller is verified' : <RunResults />,
      done: run?.complete === true,
      openable: true,
    },
    // Folded only while there is nothing to hand over (a secret keeps it open).
    handover: { summary: 'After a reset or a Temporary Access Pass', done: false, openable: false },
    close: { summary: 'Outcome, ticket reference and notes', done: false, openable: true },
  };
  const sections: Record<CallStep, ReactNode> = {
    verify: <VerifySection view={view} />,
    act: <ActSection view={view} />,
    handover: <HandoverSection view={view} />,
    close: <CloseSection view={view} />,
  };

  return (
    <>
      {STEPS.map((step, i) => (
        <div
          key={step}
          className={mergeClasses(styles.step, i === 0 && styles.first)}
          data-step={step}
          data-current={step === current || undefined}
        >
          {!isOpen(step) && (
            <FoldedStep
              step={step}
              summary={summaries[step].summary}
              done={summaries[step].done}
              onOpen={summaries[step].openable ? open(step) : null}
            />
          )}
          <div className={isOpen(step) ? undefined : styles.hidden}>{sections[step]}</div>
        </div>
      ))}
    </>
  );
}

export function CallPanel() {
  const styles = useStyles();
  const view = useStore((s) => s.call.view);
  if (view === null) return null;
  return (
    // Keyed by call: a new call starts with fresh choices, never the previous caller's.
    <Card
      key={view.callId}
      className={styles.card}
      role="region"
      aria-label={`Call with ${view.card.user.displayName}`}
    >
      <DeflectionBanner view={view} />
      <Stepper view={view} />
    </Card>
  );
}
