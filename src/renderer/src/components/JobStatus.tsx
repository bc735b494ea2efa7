// A job's state where the screen started it (an export under its button, the snapshot under its bar):
// progress with counts, rate and time left, and Cancel while main works; then what became of it —
// done, cancelled, or the failure with its message for the agent.
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { Job } from '../../../shared/jobs';
import { assertNever, ResetlineError, type ResultError } from '../../../shared/result';
import { downloadWithSecret } from '../api/transport';
import { formatDuration } from '../features/registration/labels';
import { formatNumber, plural } from '../format';
import type { JobFollow } from '../store/jobs';
import { ErrorNotice } from './ErrorNotice';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { flexGrow: 1, maxWidth: '32rem' },
});

/** Hands a finished export's file to the agent: the browser host gives a one-time token, Electron a saved path. */
export async function deliverExport(job: Job, fallbackName: string): Promise<void> {
  const file = job.result?.type === 'file' ? job.result : null;
  if (file?.downloadToken !== undefined) return downloadWithSecret(file.downloadToken, fallbackName);
  if (file?.path === undefined) throw new ResetlineError('internal', 'The export finished without a file.');
}

/** How a screen names its job's steps. */
export interface JobWords {
  /** Above the progress bar: "Exporting CSV". */
  running: string;
  /** What is counted: "row" ("rows"), "user". */
  unit: string;
  /** After the count: "written" (may be empty). */
  progressed: string;
  cancel: string;
  cancelled: string;
  /** The failure's title: "The export failed". */
  failed: string;
  /** The done message; null shows nothing (the screen shows the result itself). */
  done: (job: Job) => string | null;
}

/** "1,200 of 3,000 rows written · 400 rows/s · about 5 s left · Graph asked to slow down 2×". */
export function progressText(job: Job, words: Pick<JobWords, 'unit' | 'progressed'>): string {
  const { done, total } = job.progress;
  const many = `${words.unit}s`;
  const count =
    total === null ? plural(done, words.unit) : `${formatNumber(done)} of ${plural(total, words.unit, many)}`;
  const parts = [words.progressed ? `${count} ${words.progressed}` : count];
  if (job.ratePerSecond > 0) parts.push(`${formatNumber(Math.round(job.ratePerSecond))} ${many}/s`);
  if (job.etaSeconds !== null) parts.push(`about ${formatDuration(job.etaSeconds)} left`);
  const waits = job.counts.throttledWaits ?? 0;
  if (waits > 0) parts.push(`Graph asked to slow down ${waits}×`);
  return parts.join(' · ');
}

interface Props {
  state: JobFollow;
  words: JobWords;
  onCancel: () => void;
  onDismiss?: () => void;
  onRetry?: () => void;
  /** Shows a failure the screen explains better itself (the licence, a missing role); else null. */
  explain?: (error: ResultError, job: Job | null) => ReactNode;
}

export function JobStatus({ state, words, onCancel, onDismiss, onRetry, explain }: Props) {
  const styles = useStyles();
  const close = onDismiss && (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />
      }
    />
  );

  switch (state.status) {
    case 'idle':
      return null;
    case 'running': {
      const { done, total } = state.job.progress;
      return (
        <div className={styles.row}>
          <Field
            className={styles.progress}
            label={words.running}
            validationState="none"
            validationMessage={progressText(state.job, words)}
          >
            {total === null || total === 0 ? <ProgressBar max={1} /> : <ProgressBar value={done / total} max={1} />}
          </Field>
          <Button onClick={onCancel}>{words.cancel}</Button>
        </div>
      );
    }
    case 'done': {
      const message = words.done(state.job);
      if (message === null) return null;
      return (
        <MessageBar intent="success">
          <MessageBarBody>{message}</MessageBarBody>
          {close}
        </MessageBar>
      );
    }
    case 'cancelled':
      return (
        <MessageBar intent="warning">
          <MessageBarBody>{words.cancelled}</MessageBarBody>
          {close}
        </MessageBar>
      );
    case 'failed':
      return (
        explain?.(state.error, state.job) ?? <ErrorNotice title={words.failed} error={state.error} onRetry={onRetry} />
      );
    default:
      return assertNever(state, 'job status');
  }
}

/** Every CSV export's words. */
export const EXPORT_WORDS: JobWords = {
  running: 'Exporting CSV',
  unit: 'row',
  progressed: 'written',
  cancel: 'Cancel export',
  cancelled: 'Export cancelled; no file was kept.',
  failed: 'The export failed',
  done: (job) => {
    const rows = plural(job.result?.type === 'file' ? job.result.rows : job.progress.done, 'row');
    const path = job.result?.type === 'file' ? job.result.path : undefined;
    return path === undefined ? `Exported ${rows}; the browser saved the file.` : `Exported ${rows} to ${path}`;
  },
};
