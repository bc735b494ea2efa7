// `npm run bench [name…]`: runs the benchmarks and prints their figures. Speed is measured here,
// never asserted as wall-clock time in tests.
import { benchAudit } from './audit';
import { benchCaller } from './caller';
import { benchDemoTenant } from './demo-tenant';
import { benchForwarding } from './forwarding';
import { benchHistoryScroll } from './history-scroll';
import { benchRegistration } from './registration';
import { benchRegistrationScroll } from './registration-scroll';

const benches: Record<string, () => Promise<void>> = {
  audit: benchAudit,
  'demo-tenant': benchDemoTenant,
  forwarding: benchForwarding,
  caller: benchCaller,
  'history-scroll': benchHistoryScroll,
  registration: benchRegistration,
  'registration-scroll': benchRegistrationScroll,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n=== ${name} ===`);
    await run();
  }
}

void main();
