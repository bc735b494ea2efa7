// "Export CSV" of the current filter: main writes the file as a job; the shared JobStatus shows its
// progress, offers Cancel, and then what became of it (a browser download in the browser host,
// Electron's chosen path).
import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { Job } from '../../../../shared/jobs';
import { deliverExport, EXPORT_WORDS, JobStatus } from '../../components/JobStatus';
import { useStore } from '../../store';

const deliver = (job: Job): Promise<void> => deliverExport(job, 'resetline-history.csv');

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
  return (
    <JobStatus
      state={state}
      words={EXPORT_WORDS}
      onCancel={() => void cancel()}
      onDismiss={dismiss}
      onRetry={() => void start(deliver)}
    />
  );
}
