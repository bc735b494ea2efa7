// Sets Resetline's Electron fuses (src/main/app/fuses.ts) on a packaged app, before it is signed.
// As electron-builder's afterPack hook (electron-builder.yml): called with the pack context.
// By hand: node scripts/apply-fuses.mjs <path to Resetline.exe | Resetline.app | resetline>
// It needs a real Electron binary, so it is not run by the tests (they check the config and flip a test wire).
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { applyFuses, electronBinaryPath } = await tsImport('../src/main/app/fuses.ts', import.meta.url);

/** @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName: string } }} context */
export default async function afterPack(context) {
  const binary = electronBinaryPath({
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await applyFuses(binary, context.electronPlatformName);
  console.log(`Fuses set on ${binary}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('Usage: node scripts/apply-fuses.mjs <path to the packaged Electron executable or .app>');
    process.exit(2);
  }
  await applyFuses(binary);
  console.log(`Fuses set on ${binary}`);
}
