// Drives the caller-flow channels the way the renderer does: through the router (zod parsing
// included), with the app's session signed in to a demo tenant, a real SQLite file, a clock the
// test moves, and every log line captured so tests can prove no secret reached them.
import { existsSync, readFileSync } from 'node:fs';
import type { AppInfo, ChannelName } from '../../../src/shared/contract';
import type { ErrorCode, Result } from '../../../src/shared/result';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { createHandlers } from '../../../src/main/core/handlers';
import { createRouter, type Router } from '../../../src/main/core/host/router';
import { setLogSink } from '../../../src/main/core/log';
import { PolicyService } from '../../../src/main/core/policy/service';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import type { TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession } from './sessionHarness';

export class ChannelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ChannelError';
  }
}

export interface CallerHarness {
  store: TempDb;
  session: AgentSession;
  router: Router;
  requests: { method: string; url: string }[];
  logs: string[];
  clock: { now: () => number; advance: (ms: number) => void };
  /** Calls a channel and unwraps the result (throws ChannelError with the code). */
  call<T = unknown>(channel: ChannelName, input?: unknown): Promise<T>;
  /** Calls a channel that must fail; returns the error code. */
  refused(channel: ChannelName, input?: unknown): Promise<ErrorCode>;
  /** The database file and its WAL as bytes, for "no secret in SQLite" checks. */
  storeBytes(): Buffer;
  dispose(): void;
}

export async function createCallerHarness(
  t: TestTenant,
  /** The demo agent who signs in; a function is asked at each sign-in (a test that changes agents). */
  agentLabel: string | (() => string),
  options: { syncedWaitMs?: number; onGraphRequest?: (method: string, url: string) => void } = {},
): Promise<CallerHarness> {
  const logs: string[] = [];
  setLogSink((line) => logs.push(line), 'debug');
  const store = tempDb();
  const requests: { method: string; url: string }[] = [];
  const label = typeof agentLabel === 'string' ? () => agentLabel : agentLabel;
  const session = createSession(t, () => agentByLabel(t, label()), {
    requests,
    ...(options.onGraphRequest ? { onGraphRequest: options.onGraphRequest } : {}),
  });
  await session.signIn('interactive');
  let now = Date.now();
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const info = (): AppInfo => ({
    name: 'Resetline',
    version: 'test',
    dataFolder: store.dir,
    tenantMode: 'demo',
    host: 'browser',
    schemaVersion: 0,
  });
  const router = createRouter(
    createHandlers({
      db: store.db,
      info,
      session,
      policy: new PolicyService(store.db, session),
      caller: { clock: clock.now, syncedWaitMs: options.syncedWaitMs ?? 0 },
    }),
  );
  const dispatch = (channel: ChannelName, input?: unknown): Promise<Result<unknown>> =>
    router.dispatch(channel, input, { transport: 'ipc' });
  return {
    store,
    session,
    router,
    requests,
    logs,
    clock,
    async call<T>(channel: ChannelName, input?: unknown): Promise<T> {
      const r = await dispatch(channel, input);
      if (!r.ok) throw new ChannelError(r.error.code, r.error.message);
      return r.value as T;
    },
    async refused(channel: ChannelName, input?: unknown): Promise<ErrorCode> {
      const r = await dispatch(channel, input);
      if (r.ok)
        throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error.code;
    },
    storeBytes() {
      const parts = ['', '-wal', '-shm'].map((s) => store.file + s).filter((f) => existsSync(f));
      return Buffer.concat(parts.map((f) => readFileSync(f)));
    },
    dispose() {
      setLogSink(() => undefined, 'error');
      store.dispose();
    },
  };
}

/** The newest code the demo tenant sent to this address, read through the app's demo outbox channel. */
export async function latestCode(h: CallerHarness, to: string): Promise<string> {
  const items = await h.call<{ to: string; body: string }[]>('demo:list-outbox', { limit: 200 });
  const hit = items.find((m) => m.to.toLowerCase() === to.toLowerCase());
  const code = hit ? /\b(\d{6,8})\b/.exec(hit.body)?.[1] : undefined;
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

/** Asserts that none of the given secrets appear in the SQLite file (and WAL) or in the captured logs. */
export function expectNoSecrets(h: CallerHarness, secrets: string[]): void {
  const bytes = h.storeBytes();
  const logText = h.logs.join('\n');
  for (const s of secrets) {
    if (!s) throw new Error('empty secret given to expectNoSecrets');
    if (bytes.includes(Buffer.from(s, 'utf8'))) throw new Error(`a secret (${s.length} chars) is in the SQLite file`);
    if (logText.includes(s)) throw new Error(`a secret (${s.length} chars) is in the logs`);
  }
}
