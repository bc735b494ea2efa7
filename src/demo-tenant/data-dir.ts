// The demo tenant's data folder (its CA key, server and token keys, SMS key) must be private to the user
// running it: a fresh folder from mkdtemp when none is given, or a given folder checked (a real
// directory, owned by this user) and tightened to 0700. A folder someone else made is refused, since
// they could read or replace the keys.
import { lstat, chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;

export class DemoDataDirError extends Error {
  constructor(
    message: string,
    readonly dataDir: string,
  ) {
    super(message);
    this.name = 'DemoDataDirError';
  }
}

/** A fresh folder under the system temp directory that only this user can enter (mkdtemp makes it 0700). */
export function createPrivateDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'resetline-demo-tenant-'));
}

/** Creates `dataDir` (0700) if missing; refuses a link, a non-folder or another user's folder; tightens ours. */
export async function ensurePrivateDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const info = await lstat(dataDir);
  if (!info.isDirectory()) {
    throw new DemoDataDirError(
      `The demo tenant's data folder ${dataDir} is a link or a file, not a folder. Choose another folder.`,
      dataDir,
    );
  }
  // Windows has no POSIX owner or mode: the folder's ACL (under the user's profile) is what protects it.
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  if (info.uid !== process.getuid()) {
    throw new DemoDataDirError(
      `The demo tenant's data folder ${dataDir} belongs to another user, who could read or replace its keys. ` +
        'Choose a folder of your own (or leave --data-dir out for a fresh private one).',
      dataDir,
    );
  }
  if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dataDir, PRIVATE_DIR_MODE);
}
