// How current the Self-service screen is: the refresh in progress, the age of the cache it shows, and
// why a refresh failed — above all what is missing (licence, role, permission) to read the audit log.
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { ErrorCode } from '../../../../shared/result';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minHeight: '24px' },
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

export function SsprFreshness() {
  const styles = useStyles();
  const running = useStore((s) => s.sspr.refresh.status === 'running');
  const fetchedAt = useStore((s) => s.sspr.fetchedAt);
  // After a failed refresh the problem notice says how old (or absent) the cache is.
  const listed = useStore((s) => s.sspr.list.status === 'ready' && s.sspr.refresh.status !== 'error');
  return (
    <div className={styles.line} role="status">
      {running ? (
        <Spinner size="tiny" label="Fetching self-service activity from Entra's audit log…" />
      ) : !listed ? null : fetchedAt === null ? (
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
  if (refresh.status !== 'error') return null;
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
