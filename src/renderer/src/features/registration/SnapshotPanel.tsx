// The snapshot bar: how old the current snapshot is and where it came from, "Take snapshot", the running
// snapshot job's progress (count, rate, ETA; the shared JobStatus) with Cancel, a resume for an interrupted one, and — for a tenant
// without Entra ID P1 — the licence message with the $batch fallback, its cost stated before it starts.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, CameraRegular } from '@fluentui/react-icons';
import type { Job } from '../../../../shared/jobs';
import type { SnapshotInfo, SnapshotSource } from '../../../../shared/registration';
import type { ResultError } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobStatus, type JobWords } from '../../components/JobStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { errorTitle } from '../../components/errorTitles';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import { FallbackDialog } from './FallbackDialog';
import { REPORT_READER_ROLES, SOURCE_LABELS } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
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

const sourceOf = (job: Job): SnapshotSource =>
  job.params.kind === 'registration-ingest' ? job.params.source : 'report';

function snapshotWords(job: Job | null): JobWords {
  return {
    running:
      job !== null && sourceOf(job) === 'batch-fallback' ? 'Taking a snapshot through $batch' : 'Taking a snapshot',
    unit: 'user',
    progressed: '',
    cancel: 'Cancel snapshot',
    cancelled: 'Snapshot cancelled; the current snapshot is unchanged.',
    failed: "Could not read the snapshot's progress",
    // The snapshot's age above says it.
    done: () => null,
  };
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

function Interrupted({ job }: { job: Job }) {
  const start = useStore((s) => s.startIngest);
  const { done, total } = job.progress;
  const of = total === null ? '' : ` of ${formatNumber(total)}`;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>The last snapshot did not finish</MessageBarTitle> It{' '}
        {job.state === 'cancelled' ? 'was cancelled' : 'stopped'} after {formatNumber(done)}
        {of} users; the current snapshot is unchanged. Resume it where it stopped, or start over.
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={() => void start(sourceOf(job), true)}>
          Resume snapshot
        </Button>
        <Button onClick={() => void start(sourceOf(job), false)}>Start over</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function SnapshotPanel({ snapshot }: { snapshot: SnapshotInfo | null }) {
  const styles = useStyles();
  const ingest = useStore((s) => s.registration.ingest);
  const actionError = useStore((s) => s.registration.ingestActionError);
  const start = useStore((s) => s.startIngest);
  const cancel = useStore((s) => s.cancelIngest);
  const load = useStore((s) => s.loadRegistration);
  const job = ingest.status === 'idle' ? null : ingest.job;
  const running = ingest.status === 'running';
  const interrupted =
    job !== null &&
    (ingest.status === 'cancelled' || ingest.status === 'failed') &&
    job.resumable &&
    !NOT_RESUMABLE.has(job.error?.code ?? '');

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
      {interrupted && <Interrupted job={job} />}
      {!(interrupted && ingest.status === 'cancelled') && (
        <JobStatus
          state={ingest}
          words={snapshotWords(job)}
          onCancel={() => void cancel()}
          onRetry={() => void load()}
          explain={(error, failedJob) => (failedJob === null ? null : <Failure error={error} />)}
        />
      )}
      {actionError !== null && <Failure error={actionError} />}
    </div>
  );
}
