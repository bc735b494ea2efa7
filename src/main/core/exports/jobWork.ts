// A CSV export as a job's work (core/jobs): the file written through ExportFiles, its rows as the job's
// progress, and a stop — by the agent's cancel or the app closing (ExportFiles.dispose) — as a cancelled job.
import { JobCancelledError, type JobWork } from '../jobs/types';
import { ExportCancelledError } from './csv';
import type { ExportFiles, ExportSource } from './files';

export async function exportWork(files: ExportFiles, source: ExportSource, signal: AbortSignal): Promise<JobWork> {
  const writing = await files.write(source, signal);
  return {
    progress: () => ({ done: writing.rows(), total: writing.total }),
    done: writing.done.catch((error: unknown) => {
      throw error instanceof ExportCancelledError ? new JobCancelledError() : error;
    }),
  };
}
