// CSV exports as pollable jobs (start / get / cancel), whatever the rows are: History's audit
// trail, the registration table, the password-age list. Core writes to a path; where that path comes
// from is the host's business: Electron asks with a save dialog (`chooseExportPath`), the browser
// host gets a one-time download token for the finished file (GET /download/<token>). The folder is
// private (0700, files 0600) and emptied of an earlier run's leftovers when the runner starts.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  fchmodSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { ResetlineError } from '../../../shared/result';
import type { AuditExportJob } from '../../../shared/history';
import { createLogger } from '../log';
import { ExportCancelledError } from './csv';

const log = createLogger('export');

/** The names this runner gives its files in `dir`: `<uuid>.csv` and, while written, `<uuid>.csv.part`. */
const OWN_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.csv(\.part)?$/;

/** What every export job reports while it runs (the contract's AuditExportJob). */
export type ExportJob = AuditExportJob;

export interface ExportJobsOptions {
  /** Where the browser host's files wait for their one download. */
  dir: string;
  /**
   * Electron's seam: `src/main/app` passes a function showing `dialog.showSaveDialog` and returning
   * the chosen path (null: the agent cancelled). Without it the file is kept for a download token.
   */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

/** One export: its suggested file name, its row count, and how to write its CSV. */
export interface ExportSource {
  fileName: string;
  /** Rows the export will write (counted when it starts). */
  count(): number;
  /** Writes the whole CSV to `out` (not ending it); returns the rows written. */
  write(out: Writable, options: { signal: AbortSignal; onProgress: (rowsWritten: number) => void }): Promise<number>;
  /** Who may poll and cancel the job ("audit:<agent id>"); another owner is told there is no such export. */
  owner?: string;
}

interface Job {
  view: ExportJob;
  abort: AbortController;
  owner: string;
}

export class ExportJobNotFoundError extends ResetlineError {
  constructor() {
    super('not_found', 'No such export: it finished and was collected, or never started.');
    this.name = 'ExportJobNotFoundError';
  }
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly downloads = new Map<string, { path: string; fileName: string }>();

  constructor(private readonly jobOptions: ExportJobsOptions) {
    removeLeftovers(jobOptions.dir);
  }

  /** Starts writing the source's rows; poll `get` for progress. */
  async startJob(source: ExportSource): Promise<ExportJob> {
    let target: string;
    let forDownload = false;
    if (this.jobOptions.chooseExportPath) {
      const chosen = await this.jobOptions.chooseExportPath(source.fileName);
      if (chosen === null) throw new ResetlineError('invalid_input', 'The export was cancelled before it started.');
      target = chosen;
    } else {
      mkdirSync(this.jobOptions.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.jobOptions.dir, 0o700);
      target = join(this.jobOptions.dir, `${randomUUID()}.csv`);
      forDownload = true;
    }
    const jobId = randomUUID();
    const job: Job = {
      view: { jobId, rowsWritten: 0, total: source.count(), done: false, cancelled: false },
      abort: new AbortController(),
      owner: source.owner ?? '',
    };
    this.jobs.set(jobId, job);
    void this.run(job, source, target, forDownload ? source.fileName : null);
    return { ...job.view };
  }

  get(jobId: string, owner = ''): ExportJob {
    return { ...this.job(jobId, owner).view };
  }

  /** Stops the job; its partial file is removed. Cancelling a finished job changes nothing. */
  cancel(jobId: string, owner = ''): ExportJob {
    const job = this.job(jobId, owner);
    if (!job.view.done) job.abort.abort();
    return { ...job.view };
  }

  /** Resolves when the job has ended (tests and the Electron shell; the renderer polls). */
  async settled(jobId: string): Promise<ExportJob> {
    for (;;) {
      const view = this.jobs.get(jobId)?.view;
      if (!view) throw new ExportJobNotFoundError();
      if (view.done) return { ...view };
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The finished file for a download token, once: the token is forgotten as it is taken. */
  takeDownload(token: string): { path: string; fileName: string } | null {
    const entry = this.downloads.get(token);
    if (!entry) return null;
    this.downloads.delete(token);
    return entry;
  }

  /** Stops every job and removes files never downloaded. */
  dispose(): void {
    for (const job of this.jobs.values()) job.abort.abort();
    for (const { path } of this.downloads.values()) rmSync(path, { force: true });
    this.downloads.clear();
  }

  private job(jobId: string, owner: string): Job {
    const job = this.jobs.get(jobId);
    if (!job || job.owner !== owner) throw new ExportJobNotFoundError();
    return job;
  }

  private async run(job: Job, source: ExportSource, target: string, downloadName: string | null): Promise<void> {
    // Written beside the target and renamed at the end: a cancelled or failed export leaves nothing.
    const partial = `${target}.part`;
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    // The mode above is narrowed by the umask only; chmod makes it exactly owner-only whatever the umask.
    out.once('open', (fd: number) => fchmodSync(fd, 0o600));
    try {
      job.view.rowsWritten = await source.write(out, {
        signal: job.abort.signal,
        onProgress: (n) => (job.view.rowsWritten = n),
      });
      out.end();
      await finished(out);
      if (job.abort.signal.aborted) throw new ExportCancelledError();
      renameSync(partial, target);
      if (downloadName !== null) {
        const token = randomBytes(24).toString('base64url');
        this.downloads.set(token, { path: target, fileName: downloadName });
        job.view.downloadToken = token;
      } else {
        job.view.path = target;
      }
    } catch (error) {
      out.destroy();
      await finished(out).catch(() => undefined);
      rmSync(partial, { force: true });
      if (error instanceof ExportCancelledError || job.abort.signal.aborted) job.view.cancelled = true;
      else {
        log.error('export failed', { error });
        job.view.error =
          error instanceof ResetlineError
            ? { code: error.code, message: error.message }
            : { code: 'internal', message: 'The export failed; details are in the log.' };
      }
    } finally {
      job.view.done = true;
    }
  }
}

/**
 * Files an earlier run left in the folder (a crash mid-export, downloads never collected): removed at
 * start, so no CSV of audit rows or users' methods outlives the run that wrote it. Only this runner's
 * own file names are touched; the folder may be shared (tests give it the database's folder).
 */
function removeLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!OWN_FILE.test(name)) continue;
    rmSync(join(dir, name), { force: true });
    log.info('removed a leftover export', { name });
  }
}
