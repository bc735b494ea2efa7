// The app's real runtime (router, handlers, SQLite file) connected to its own in-process demo tenant,
// with a way to sign in as one of the tenant's agents the way the sign-in page would: for tests that
// go through the router, where every read needs a signed-in agent.
import { Agent } from 'undici';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/main/core/runtime';
import type { Result } from '../../src/shared/result';
import type { TestTenant } from '../integration/demo-tenant/identity-helpers';
import { agentByLabel, completeBrowserSignIn, type Credentials } from './sessionHarness';

export interface RuntimeHarness {
  runtime: Runtime;
  /** The agent signed in last (or being signed in). */
  who(): Credentials;
  /** Signs out whoever is signed in, then in as the demo agent with this label (seeding/fixtures.ts). */
  signInAs(label: string): Promise<void>;
  /** One channel through the router, as the renderer would call it. */
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  /** The channel's value; throws with the error's code and message when it fails. */
  value<T>(name: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startRuntime(
  options: Pick<RuntimeOptions, 'dataDir'> & Partial<RuntimeOptions>,
): Promise<RuntimeHarness> {
  let who: Credentials | undefined;
  // Trusts the demo tenant's CA, once it has started.
  const trust: { dispatcher?: Agent } = {};
  const tenant = (): TestTenant => {
    const started = runtime.demoTenant();
    if (!started || !trust.dispatcher) throw new Error('the runtime did not start its demo tenant');
    return { tenant: started, dataDir: options.dataDir, dispatcher: trust.dispatcher, close: async () => undefined };
  };
  const runtime = createRuntime({
    host: 'browser',
    version: '0.0.0-test',
    ...options,
    // The demo workspace's rows stay in memory unless a test names a file (never the app's shared one).
    demoTenant: { users: 300, monitorWorkspaceFile: null, ...options.demoTenant },
    // The agent's "system browser": the demo tenant's real sign-in form, posted as whoever `who` is.
    openBrowser: async (url) => void completeBrowserSignIn(tenant(), url, who!).catch(() => undefined),
  });
  // Connects (the demo tenant starts) and stays signed out, as the app does at start.
  await runtime.session.restore();
  trust.dispatcher = new Agent({ connect: { ca: runtime.demoTenant()!.caCertPem } });

  const dispatch = (name: string, input: unknown) => runtime.router.dispatch(name, input, { transport: 'ipc' });
  const value = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return {
    runtime,
    who: () => who!,
    signInAs: async (label) => {
      await value('auth:sign-out', undefined);
      who = agentByLabel(tenant(), label);
      const state = await value<{ agent?: { userPrincipalName: string } }>('auth:sign-in', undefined);
      if (state.agent?.userPrincipalName !== who.upn) throw new Error(`could not sign in as ${who.upn}`);
    },
    dispatch,
    value,
    close: async () => {
      await runtime.close();
      await trust.dispatcher?.close();
    },
  };
}
