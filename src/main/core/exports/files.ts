// Where a CSV export's file goes, whatever the rows are (History's audit trail, the registration table,
// the password-age list); the job around it is core/jobs'. Core writes to a path; where that path comes
// from is the host's business: Electron asks with a save dialog (`chooseExportPath`), the browser host
// gets a one-time download token for the finished file (GET /download/<token>). The folder is private
// (0700, files 0600) and emptied of an earlier run's leftovers when the app starts.
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
import type { FileJobResult } from '../../../shared/jobs';
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { ExportCancelledError } from './csv';

const log = createLogger('export');

/** The names this module gives its files in `dir`: `<uuid>.csv` and, while written, `<uuid>.csv.part`. */
const OWN_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.csv(\.part)?$/;

export interface ExportFilesOptions {
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
}

/** An export being written. */
export interface ExportWrite {
  /** Rows the source counted when it started. */
  total: number;
  /** Rows written so far. */
  rows(): number;
  /** The file once complete; rejects when stopped (the partial file is gone) or failed. */
  done: Promise<FileJobResult>;
}

export class ExportFiles {
  private readonly downloads = new Map<string, { path: string; fileName: string }>();
  private readonly writing = new Set<AbortController>();

  constructor(private readonly options: ExportFilesOptions) {
    removeLeftovers(options.dir);
  }

  /**
   * Asks where the file goes (Electron) or makes a private one (browser host), then writes the
   * source's rows there until done or `signal` aborts. Refused when the agent closes the save dialog.
   */
  async write(source: ExportSource, signal: AbortSignal): Promise<ExportWrite> {
    let target: string;
    let downloadName: string | null = null;
    if (this.options.chooseExportPath) {
      const chosen = await this.options.chooseExportPath(source.fileName);
      if (chosen === null) throw new ResetlineError('invalid_input', 'The export was cancelled before it started.');
      target = chosen;
    } else {
      mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.options.dir, 0o700);
      target = join(this.options.dir, `${randomUUID()}.csv`);
      downloadName = source.fileName;
    }
    const abort = new AbortController();
    signal.addEventListener('abort', () => abort.abort(), { once: true });
    if (signal.aborted) abort.abort();
    let rows = 0;
    const total = source.count();
    this.writing.add(abort);
    const done = this.run(source, target, downloadName, abort.signal, (n) => (rows = n)).finally(() =>
      this.writing.delete(abort),
    );
    return { total, rows: () => rows, done };
  }

  /** The finished file for a download token, once: the token is forgotten as it is taken. */
  takeDownload(token: string): { path: string; fileName: string } | null {
    const entry = this.downloads.get(token);
    if (!entry) return null;
    this.downloads.delete(token);
    return entry;
  }

  /** Stops every export being written and removes files never downloaded. */
  dispose(): void {
    for (const abort of this.writing) abort.abort();
    for (const { path } of this.downloads.values()) rmSync(path, { force: true });
    this.downloads.clear();
  }

  private async run(
    source: ExportSource,
    target: string,
    downloadName: string | null,
    signal: AbortSignal,
    onProgress: (rowsWritten: number) => void,
  ): Promise<FileJobResult> {
    // Written beside the target and renamed at the end: a cancelled or failed export leaves nothing.
    const partial = `${target}.part`;
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    // The mode above is narrowed by the umask only; chmod makes it exactly owner-only whatever the umask.
    out.once('open', (fd: number) => fchmodSync(fd, 0o600));
    try {
      const rows = await source.write(out, { signal, onProgress });
      out.end();
      await finished(out);
      if (signal.aborted) throw new ExportCancelledError();
      renameSync(partial, target);
      if (downloadName === null) return { type: 'file', rows, path: target };
      const token = randomBytes(24).toString('base64url');
      this.downloads.set(token, { path: target, fileName: downloadName });
      return { type: 'file', rows, downloadToken: token };
    } catch (error) {
      out.destroy();
      await finished(out).catch(() => undefined);
      rmSync(partial, { force: true });
      throw error;
    }
  }
}

/**
 * Files an earlier run left in the folder (a crash mid-export, downloads never collected): removed at
 * start, so no CSV of audit rows or users' methods outlives the run that wrote it. Only this module's
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
