// How current the Self-service screen is: the refresh in progress (the `sspr-refresh` job in the shared
// <JobStatus>: audit entries read, Cancel), the age of the cache it shows, and why a refresh failed —
// above all what is missing (licence, role, permission) to read the audit log.
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import type { ErrorCode } from '../../../../shared/result';
import { JobStatus, type JobWords } from '../../components/JobStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';

const useStyles = makeStyles({
  status: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minHeight: '24px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Failures no retry fixes: someone has to grant something. */
const MISSING: Partial<Record<ErrorCode, string>> = {
  licence_required: 'Missing licence',
  insufficient_role: 'Missing directory role',
  consent_required: 'Missing Microsoft Graph permission',
};

/** A refresh refused for want of a licence, role or permission (not a passing failure). */
export function isAccessProblem(code: ErrorCode): boolean {
  return MISSING[code] !== undefined;
}

/** The refresh job's words: audit entries read so far (Graph gives no total in advance). */
export const SSPR_REFRESH_WORDS: JobWords = {
  running: "Fetching self-service activity from Entra's audit log",
  unit: 'event',
  progressed: 'read',
  cancel: 'Cancel refresh',
  cancelled: 'Refresh cancelled: the activity below is what the cache already held.',
  failed: 'Could not refresh from Entra',
  // Done, the line below says when the range was fetched.
  done: () => null,
};

export function SsprFreshness() {
  const styles = useStyles();
  const refresh = useStore((s) => s.sspr.refresh);
  const cancel = useStore((s) => s.cancelSsprRefresh);
  const dismiss = useStore((s) => s.dismissSsprRefresh);
  const fetchedAt = useStore((s) => s.sspr.fetchedAt);
  // After a failed refresh the problem notice says how old (or absent) the cache is.
  const listed = useStore((s) => s.sspr.list.status === 'ready' && s.sspr.refresh.status !== 'failed');
  const running = refresh.status === 'running';
  // Cancelled, the notice stays above the age of what the cache holds for the range (perhaps nothing).
  return (
    <div className={styles.status} role="status">
      {(running || refresh.status === 'cancelled') && (
        <JobStatus state={refresh} words={SSPR_REFRESH_WORDS} onCancel={() => void cancel()} onDismiss={dismiss} />
      )}
      {running || !listed ? null : fetchedAt === null ? (
        <Caption1 className={styles.muted}>
          Not fetched from Entra for this range yet: the list may be incomplete.
        </Caption1>
      ) : (
        <Caption1 className={styles.muted}>
          Fetched from Entra <RelativeTime iso={fetchedAt} />.
        </Caption1>
      )}
    </div>
  );
}

export function SsprRefreshProblem() {
  const refresh = useStore((s) => s.sspr.refresh);
  const fetchedAt = useStore((s) => s.sspr.fetchedAt);
  const retry = useStore((s) => s.refreshSspr);
  if (refresh.status !== 'failed') return null;
  const { error } = refresh;
  const missing = MISSING[error.code];
  if (missing !== undefined) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="sspr-access">
        <MessageBarBody>
          <MessageBarTitle>Resetline cannot read Entra&apos;s audit logs — {missing.toLowerCase()}</MessageBarTitle>{' '}
          {error.message}
          {fetchedAt !== null && <> Showing what was fetched earlier.</>}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="sspr-offline">
      <MessageBarBody>
        <MessageBarTitle>Could not refresh from Entra — showing cached activity</MessageBarTitle>{' '}
        <code>{error.code}</code>: {error.message}
        {fetchedAt !== null ? (
          <>
            {' '}
            The cache was fetched <RelativeTime iso={fetchedAt} />.
          </>
        ) : (
          <> Nothing was fetched for this range before, so the list may be incomplete.</>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => void retry()}>Try again</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
