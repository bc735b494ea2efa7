// Public API of the demo tenant (a local Entra ID + Graph v1.0 + ACS SMS server). It depends on
// nothing in the app; the app and the tests import it from here.
export {
  startDemoTenant,
  DEMO_CLIENT_ID,
  DEMO_SMS_FROM,
  DemoTenantStartError,
  type DemoTenant,
  type DemoTenantOptions,
  type DemoTenantOutbox,
  type DemoAgentAccount,
} from './server';
export type { MsalAuthorityConfig } from './entra';
export { DEFAULT_CONSENTED_SCOPES, KNOWN_GRAPH_SCOPES } from './entra';
export type { Knobs, FaultRule, FaultKind, ThrottleKnob, GraphCaller } from './contracts';
export { DEFAULT_KNOBS } from './contracts';
export { InvalidKnobsError, type KnobsPatch, type KnobStats } from './knobs';
export { DemoTlsError } from './tls';
export type { DemoDirectory, OutboxMessage, DemoAgent } from './model';
