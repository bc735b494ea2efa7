// The snapshot bar: how old the current snapshot is and where it came from, "Take snapshot", the running
// ingest's progress (count, rate, ETA) with Cancel, a resume for an interrupted one, and — for a tenant
// without Entra ID P1 — the licence message with the $batch fallback, its cost stated before it starts.
import {
  Body1,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, CameraRegular } from '@fluentui/react-icons';
import type { IngestProgress, SnapshotInfo } from '../../../../shared/registration';
import { isErrorCode, type ResultError } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RelativeTime } from '../../components/RelativeTime';
import { errorTitle } from '../../components/errorTitles';
import { formatNumber, plural } from '../../format';
import { useStore } from '../../store';
import { FallbackDialog } from './FallbackDialog';
import { formatDuration, REPORT_READER_ROLES, SOURCE_LABELS } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { flexGrow: 1, maxWidth: '32rem' },
});

export function SnapshotAge({ snapshot }: { snapshot: SnapshotInfo | null }) {
  if (snapshot === null) return <Text>No snapshot taken yet.</Text>;
  return (
    <Text>
      Snapshot of {formatNumber(snapshot.users)} users taken <RelativeTime iso={snapshot.takenAt} exact />, from the{' '}
      {SOURCE_LABELS[snapshot.source]}.
    </Text>
  );
}

/** Failures a resume cannot fix: the tenant or the agent must change first (the message says how). */
const NOT_RESUMABLE = new Set(['licence_required', 'insufficient_role', 'consent_required', 'signed_out']);

function progressText(p: IngestProgress): string {
  const count =
    p.total === null ? plural(p.processed, 'user') : `${formatNumber(p.processed)} of ${plural(p.total, 'user')}`;
  const rate = p.ratePerSecond > 0 ? ` · ${formatNumber(Math.round(p.ratePerSecond))} users/s` : '';
  const eta = p.etaSeconds === null ? '' : ` · about ${formatDuration(p.etaSeconds)} left`;
  const waits = p.throttledWaits > 0 ? ` · Graph asked to slow down ${p.throttledWaits}×` : '';
  return count + rate + eta + waits;
}

function Running({ progress }: { progress: IngestProgress }) {
  const styles = useStyles();
  const cancel = useStore((s) => s.cancelIngest);
  const value = progress.total === null || progress.total === 0 ? undefined : progress.processed / progress.total;
  return (
    <div className={styles.row}>
      <Field
        className={styles.progress}
        label={progress.source === 'report' ? 'Taking a snapshot' : 'Taking a snapshot through $batch'}
        validationState="none"
        validationMessage={progressText(progress)}
      >
        <ProgressBar value={value} max={1} />
      </Field>
      <Button onClick={() => void cancel()}>Cancel snapshot</Button>
    </div>
  );
}

/** A failure with what to do about it: the licence offers the fallback, a missing role says who can. */
function Failure({ error }: { error: ResultError }) {
  if (error.code === 'licence_required') {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This tenant has no Microsoft Entra ID P1 licence</MessageBarTitle> {error.message} The $batch
          fallback builds the snapshot without it; you see what it costs before it starts.
        </MessageBarBody>
        <MessageBarActions>
          <FallbackDialog />
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (error.code === 'insufficient_role') {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Your directory role cannot read the registration report</MessageBarTitle> {error.message} Ask
          someone with one of these roles to take the snapshot, or to assign you one: {REPORT_READER_ROLES}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <ErrorNotice title={errorTitle(error.code, 'take the snapshot')} error={error} />;
}

function Interrupted({ progress }: { progress: IngestProgress }) {
  const start = useStore((s) => s.startIngest);
  const of = progress.total === null ? '' : ` of ${formatNumber(progress.total)}`;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>The last snapshot did not finish</MessageBarTitle> It{' '}
        {progress.state === 'cancelled' ? 'was cancelled' : 'stopped'} after {formatNumber(progress.processed)}
        {of} users; the current snapshot is unchanged. Resume it where it stopped, or start over.
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={() => void start(progress.source, true)}>
          Resume snapshot
        </Button>
        <Button onClick={() => void start(progress.source, false)}>Start over</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function SnapshotPanel({ snapshot }: { snapshot: SnapshotInfo | null }) {
  const styles = useStyles();
  const ingest = useStore((s) => s.registration.ingest);
  const actionError = useStore((s) => s.registration.ingestActionError);
  const start = useStore((s) => s.startIngest);
  const load = useStore((s) => s.loadRegistration);
  const progress = ingest.status === 'ready' ? ingest.value : null;
  const running = progress?.state === 'running';
  const jobError: ResultError | null =
    progress?.state === 'failed' && progress.error !== null
      ? { code: isErrorCode(progress.error.code) ? progress.error.code : 'internal', message: progress.error.message }
      : null;

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <SnapshotAge snapshot={snapshot} />
        <Button
          appearance={snapshot === null ? 'primary' : 'secondary'}
          icon={snapshot === null ? <CameraRegular /> : <ArrowClockwiseRegular />}
          disabledFocusable={running}
          onClick={() => void start('report', false)}
        >
          {snapshot === null ? 'Take snapshot' : 'Refresh snapshot'}
        </Button>
      </div>
      {running && <Running progress={progress} />}
      {progress !== null && !running && progress.resumable && !NOT_RESUMABLE.has(progress.error?.code ?? '') && (
        <Interrupted progress={progress} />
      )}
      {progress?.state === 'cancelled' && !progress.resumable && (
        <Body1>Snapshot cancelled; the current snapshot is unchanged.</Body1>
      )}
      {actionError !== null ? <Failure error={actionError} /> : jobError !== null && <Failure error={jobError} />}
      {ingest.status === 'error' && (
        <ErrorNotice title="Could not read the snapshot's progress" error={ingest.error} onRetry={() => void load()} />
      )}
    </div>
  );
}
