// What each requested action did: done, pending (a synced user's reset, followed by its job until it
// ends; the agent may stop waiting),
// failed with main's message, or not run because an earlier one failed. Apart from that, the audit
// trail's side: a record still waiting to be written, or an action not sent because its intent could
// not be recorded — never shown as a Graph failure.
import {
  Badge,
  Button,
  Caption1,
  Field,
  makeStyles,
  ProgressBar,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ActionAuditState, ActionResult } from '../../../../../shared/caller';
import { assertNever } from '../../../../../shared/result';
import { useStore } from '../../../store';
import { actionLabel, resultStatusLabel } from './labels';
import { useNow } from './useNow';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  waiting: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  bar: { flexGrow: 1, maxWidth: '32rem' },
});

function color(status: ActionResult['status']) {
  switch (status) {
    case 'done':
      return 'success' as const;
    case 'pending':
      return 'warning' as const;
    case 'failed':
      return 'danger' as const;
    case 'not-run':
      return 'subtle' as const;
    default:
      return assertNever(status, 'result status');
  }
}

/** The audit badge beside an action, or null when its record is simply in the trail. */
function auditBadge(audit: ActionAuditState | undefined): { label: string; color: 'warning' | 'severe' } | null {
  switch (audit) {
    case undefined:
    case 'recorded':
      return null;
    case 'pending':
      return { label: 'Audit record waiting', color: 'warning' };
    case 'not-recorded':
      return { label: 'Not sent: audit unavailable', color: 'severe' };
    default:
      return assertNever(audit, 'audit state');
  }
}

/**
 * While a pending action is followed: what is awaited and for how long ("— 3 s"), ticking each second;
 * once main follows it as a job, the agent may stop waiting.
 */
function WaitingProgress({ since }: { since: number }) {
  const styles = useStyles();
  const now = useNow(true);
  const following = useStore((s) => s.call.resetJob.status === 'running');
  const stopWaiting = useStore((s) => s.stopWaiting);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <div className={styles.waiting}>
      <Field
        className={styles.bar}
        validationMessage={`Waiting for Microsoft to confirm — ${seconds} s`}
        validationState="none"
      >
        <ProgressBar aria-label="Waiting for Microsoft to confirm" data-testid="run-waiting" />
      </Field>
      {following && <Button onClick={() => void stopWaiting()}>Stop waiting</Button>}
    </div>
  );
}

export function RunResults() {
  const styles = useStyles();
  const run = useStore((s) => s.call.run);
  const waitingSince = useStore((s) => s.call.waitingSince);
  const progress = waitingSince === null ? null : <WaitingProgress since={waitingSince} />;
  if (run === null) return progress;
  const waiting = run.auditPending ?? 0;
  return (
    <>
      <ul className={styles.list} aria-label="Action results">
        {run.results.map((r) => {
          const audit = auditBadge(r.audit);
          return (
            <li key={r.kind} className={styles.item} data-status={r.status} data-audit={r.audit ?? 'recorded'}>
              <Text weight="semibold">{actionLabel(r.kind)}</Text>
              {r.audit !== 'not-recorded' && (
                <Badge appearance="filled" color={color(r.status)}>
                  {resultStatusLabel(r.status)}
                </Badge>
              )}
              {audit && (
                <Badge appearance="tint" color={audit.color}>
                  {audit.label}
                </Badge>
              )}
              {r.status === 'pending' && <Spinner size="extra-tiny" aria-label="Checking again" />}
              <Text>{r.message}</Text>
            </li>
          );
        })}
      </ul>
      {progress}
      {waiting > 0 && (
        <Caption1 role="status">
          Microsoft made the change, but Resetline could not write {waiting === 1 ? 'its record' : 'these records'} to
          the audit trail yet. It keeps trying and writes {waiting === 1 ? 'it' : 'them'} when the call closes at the
          latest. You can still hand the secret over.
        </Caption1>
      )}
    </>
  );
}
