// "Export CSV" of the current filter: main writes the file as a background job; this polls its progress,
// offers Cancel, and then saves it (a browser download in the browser host, Electron's chosen path).
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
import { ArrowDownloadRegular, DismissRegular } from '@fluentui/react-icons';
import type { AuditExportJob } from '../../../../shared/history';
import { ResetlineError } from '../../../../shared/result';
import { downloadWithSecret } from '../../api/transport';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM },
  progress: { flexGrow: 1, maxWidth: '24rem' },
});

/** Hands the finished file to the agent: the browser host gives a one-time token, Electron a saved path. */
async function deliver(job: AuditExportJob): Promise<void> {
  if (job.downloadToken !== undefined) return downloadWithSecret(job.downloadToken, 'resetline-history.csv');
  if (job.path === undefined) throw new ResetlineError('internal', 'The export finished without a file.');
}

export function ExportButton() {
  const running = useStore((s) => s.history.export.status === 'running');
  const start = useStore((s) => s.startHistoryExport);
  return (
    <Button icon={<ArrowDownloadRegular />} onClick={() => void start(deliver)} disabledFocusable={running}>
      Export CSV
    </Button>
  );
}

export function ExportStatus() {
  const state = useStore((s) => s.history.export);
  const cancel = useStore((s) => s.cancelHistoryExport);
  const dismiss = useStore((s) => s.dismissHistoryExport);
  const start = useStore((s) => s.startHistoryExport);
  const styles = useStyles();
  const close = (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={dismiss} />
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
            validationMessage={`${rowsWritten} of ${total} rows written`}
          >
            <ProgressBar value={total === 0 ? 0 : rowsWritten / total} max={1} />
          </Field>
          <Button onClick={() => void cancel()}>Cancel export</Button>
        </div>
      );
    }
    case 'done':
      return (
        <MessageBar intent="success">
          <MessageBarBody>
            {state.job.path === undefined
              ? `Exported ${state.job.rowsWritten} rows; the browser saved the file.`
              : `Exported ${state.job.rowsWritten} rows to ${state.job.path}`}
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
      return <ErrorNotice title="The export failed" error={state.error} onRetry={() => void start(deliver)} />;
  }
}
