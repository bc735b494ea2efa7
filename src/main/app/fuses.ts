// Electron fuses for a packaged Resetline: switches compiled into the Electron binary that a user or
// another local process cannot turn back on with flags or environment variables. Applied by
// scripts/apply-fuses.mjs (electron-builder afterPack); no electron import, so tests check the config.
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** Every V1 fuse set explicitly (strictlyRequireAllFuses makes flipping fail if Electron adds one we have not decided). */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE=1 would turn the signed binary into a plain Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require evil.js would run code in main before the app does.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger into main, where the tokens live.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar must match the hash recorded in the signed executable...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ...and the app is loaded from nothing else (no app/ folder beside it).
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served over app:// (appAssets.ts), so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config;

export interface PackedApp {
  /** electron-builder's AfterPackContext fields, flattened. */
  appOutDir: string;
  platform: string;
  productFilename: string;
  executableName: string;
}

/** The file whose fuse wire is flipped: the .app bundle on macOS, the executable elsewhere. */
export function electronBinaryPath({ appOutDir, platform, productFilename, executableName }: PackedApp): string {
  if (platform === 'darwin' || platform === 'mas') return `${appOutDir}/${productFilename}.app`;
  if (platform === 'win32') return `${appOutDir}/${productFilename}.exe`;
  return `${appOutDir}/${executableName}`;
}

/** Flips the fuses; on macOS the ad-hoc signature is redone so an unsigned arm64 build still starts. */
export async function applyFuses(binaryPath: string, platform: string = process.platform): Promise<void> {
  await flipFuses(binaryPath, { ...FUSE_CONFIG, resetAdHocDarwinSignature: platform === 'darwin' });
}
