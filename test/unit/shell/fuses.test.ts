// The fuses a packaged Resetline ships with (src/main/app/fuses.ts). No Electron binary can be fetched
// here, so the config is checked, then flipped by the real @electron/fuses on a file carrying Electron's
// fuse wire (sentinel, version, length, one byte per fuse), the layout the packaging script edits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFuses, electronBinaryPath, FUSE_CONFIG } from '../../../src/main/app/fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 49;
const DISABLE = 48;
const FUSE_COUNT = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length;

/** A file laid out like Electron's fuse wire, every fuse enabled (Electron's defaults differ per fuse). */
function fakeElectron(path: string, fuseCount = FUSE_COUNT): void {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('ELF-ish padding '),
      Buffer.from(SENTINEL),
      Buffer.from([1, fuseCount]),
      Buffer.alloc(fuseCount, ENABLE),
      Buffer.from(' trailing code'),
    ]),
  );
}

async function expectConfiguredWire(binary: string): Promise<void> {
  const read = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  expect(read[FuseV1Options.RunAsNode]).toBe(DISABLE);
  expect(read[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
  expect(read[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
  expect(read[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
  expect(read[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
  for (let i = 0; i < FUSE_COUNT; i++) {
    expect(read[i], FuseV1Options[i]).toBe(FUSE_CONFIG[i as FuseV1Options] ? ENABLE : DISABLE);
  }
}

describe('Electron fuses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns off Node-as-app, NODE_OPTIONS and --inspect; turns on asar integrity and asar-only loading', () => {
    expect(FUSE_CONFIG[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(FUSE_CONFIG.strictlyRequireAllFuses).toBe(true);
  });

  it('writes exactly that wire into a binary whose fuses all start enabled', async () => {
    const binary = join(dir, 'resetline');
    fakeElectron(binary);
    await applyFuses(binary, 'linux');
    await expectConfiguredWire(binary);
  });

  it('is what the packaging script (scripts/apply-fuses.mjs) writes', async () => {
    const binary = join(dir, 'by-script');
    fakeElectron(binary);
    execFileSync(process.execPath, ['scripts/apply-fuses.mjs', binary], { stdio: 'pipe' });
    await expectConfiguredWire(binary);
  });

  it('refuses a binary with a fuse it has not decided about (a newer Electron)', async () => {
    const binary = join(dir, 'newer');
    fakeElectron(binary, FUSE_COUNT + 1);
    await expect(applyFuses(binary, 'linux')).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('finds the file to flip from the electron-builder pack context', () => {
    const packed = { appOutDir: '/dist/x', productFilename: 'Resetline', executableName: 'resetline' };
    expect(electronBinaryPath({ ...packed, platform: 'darwin' })).toBe('/dist/x/Resetline.app');
    expect(electronBinaryPath({ ...packed, platform: 'win32' })).toBe('/dist/x/Resetline.exe');
    expect(electronBinaryPath({ ...packed, platform: 'linux' })).toBe('/dist/x/resetline');
  });
});
