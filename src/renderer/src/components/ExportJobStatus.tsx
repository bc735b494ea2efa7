// A CSV export job's state under a screen's "Export CSV" button: progress with Cancel while main writes
// the file, then what became of it. The same behaviour as History's export panel, for any screen's job.
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
import type { AuditExportJob } from '../../../shared/history';
import { ResetlineError } from '../../../shared/result';
import { downloadWithSecret } from '../api/transport';
import type { ExportJobState } from '../store/exportJob';
import { formatNumber, plural } from '../format';
import { ErrorNotice } from './ErrorNotice';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM },
  progress: { flexGrow: 1, maxWidth: '24rem' },
});

/** Hands a finished file to the agent: the browser host gives a one-time token, Electron a saved path. */
export async function deliverExport(job: AuditExportJob, fallbackName: string): Promise<void> {
  if (job.downloadToken !== undefined) return downloadWithSecret(job.downloadToken, fallbackName);
  if (job.path === undefined) throw new ResetlineError('internal', 'The export finished without a file.');
}

interface Props {
  state: ExportJobState;
  onCancel: () => void;
  onDismiss: () => void;
  onRetry: () => void;
}

export function ExportJobStatus({ state, onCancel, onDismiss, onRetry }: Props) {
  const styles = useStyles();
  const close = (
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
      const { rowsWritten, total } = state.job;
      return (
        <div className={styles.row}>
          <Field
            className={styles.progress}
            label="Exporting CSV"
            validationState="none"
            validationMessage={`${formatNumber(rowsWritten)} of ${plural(total, 'row')} written`}
          >
            <ProgressBar value={total === 0 ? 0 : rowsWritten / total} max={1} />
          </Field>
          <Button onClick={onCancel}>Cancel export</Button>
        </div>
      );
    }
    case 'done':
      return (
        <MessageBar intent="success">
          <MessageBarBody>
            {state.job.path === undefined
              ? `Exported ${plural(state.job.rowsWritten, 'row')}; the browser saved the file.`
              : `Exported ${plural(state.job.rowsWritten, 'row')} to ${state.job.path}`}
          </MessageBarBody>
          {close}
        </MessageBar>
      );
    case 'cancelled':
      return (
        <MessageBar intent="warning">
          <MessageBarBody>Export cancelled; no file was kept.</MessageBarBody>
          {close}
        </MessageBar>
      );
    case 'error':
      return <ErrorNotice title="The export failed" error={state.error} onRetry={onRetry} />;
  }
}
