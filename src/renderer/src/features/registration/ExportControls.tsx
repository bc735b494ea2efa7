// "Export CSV" of one view's current filter, and the job's progress under it (the shared JobStatus).
import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { deliverExport, EXPORT_WORDS, JobStatus } from '../../components/JobStatus';
import { useStore } from '../../store';
import type { RegistrationExportKind } from '../../store/registrationSlice';

const FILE_NAMES: Record<RegistrationExportKind, string> = {
  registration: 'resetline-registration.csv',
  'password-age': 'resetline-password-age.csv',
};

function useStartExport(kind: RegistrationExportKind) {
  const start = useStore((s) => s.startRegistrationExport);
  return () => void start(kind, (job) => deliverExport(job, FILE_NAMES[kind]));
}

export function ExportButton({ kind, disabled }: { kind: RegistrationExportKind; disabled?: boolean }) {
  const running = useStore((s) => s.registration.export.status === 'running');
  const start = useStartExport(kind);
  return (
    <Button icon={<ArrowDownloadRegular />} onClick={start} disabledFocusable={running || disabled === true}>
      Export CSV
    </Button>
  );
}

/** The job's state, shown only in the view that started it. */
export function ExportProgress({ kind }: { kind: RegistrationExportKind }) {
  const state = useStore((s) => s.registration.export);
  const cancel = useStore((s) => s.cancelRegistrationExport);
  const dismiss = useStore((s) => s.dismissRegistrationExport);
  const retry = useStartExport(kind);
  if (state.status !== 'idle' && state.kind !== undefined && state.kind !== kind) return null;
  return (
    <JobStatus state={state} words={EXPORT_WORDS} onCancel={() => void cancel()} onDismiss={dismiss} onRetry={retry} />
  );
}
