// `npm run bench [name…] [-- --option value…]`: runs the benchmarks and prints their figures. Speed is
// measured here, never asserted as wall-clock time in tests.
import { benchAudit } from './audit';
import { benchCaller } from './caller';
import { benchDemoTenant } from './demo-tenant';
import { benchForwarding } from './forwarding';
import { benchHistoryScroll } from './history-scroll';
import { benchRegistration } from './registration';
import { benchRegistrationScroll } from './registration-scroll';

/** A bench gets the command line's `--name value` options (each bench reads its own; others ignore them). */
const benches: Record<string, (options: Record<string, string>) => Promise<void>> = {
  audit: benchAudit,
  'demo-tenant': benchDemoTenant,
  forwarding: benchForwarding,
  caller: benchCaller,
  'history-scroll': benchHistoryScroll,
  registration: benchRegistration,
  'registration-scroll': benchRegistrationScroll,
};

/** `[name…] [--option value…]`: the benches to run, and the options given to them. */
function parseCommandLine(args: readonly string[]): { wanted: string[]; options: Record<string, string> } {
  const wanted: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      wanted.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
    else options[arg.slice(2)] = args[++i] ?? '';
  }
  return { wanted, options };
}

async function main(): Promise<void> {
  const { wanted, options } = parseCommandLine(process.argv.slice(2));
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n=== ${name} ===`);
    await run(options);
  }
}

void main();
