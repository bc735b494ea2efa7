// Drives the caller-flow channels the way the renderer does: through the router (zod parsing
// included), with the app's session signed in to a demo tenant, a real SQLite file, a clock the
// test moves, and every log line captured so tests can prove no secret reached them.
import { existsSync, readFileSync } from 'node:fs';
import type { DemoUser } from '../../src/demo-tenant/model-types';
import type { CallView, ChallengeAnswer, ChallengeView } from '../../src/shared/caller';
import type { VerificationPolicy } from '../../src/shared/settings';
import type { AppInfo, ChannelName } from '../../src/shared/contract';
import { isFinal, type Job } from '../../src/shared/jobs';
import type { ErrorCode, Result } from '../../src/shared/result';
import type { AgentSession } from '../../src/main/core/auth/session';
import { createHandlers } from '../../src/main/core/handlers';
import { buildServices } from '../../src/main/core/services';
import { createRouter, type Router } from '../../src/main/core/host/router';
import { setLogSink } from '../../src/main/core/log';
import { PolicyService } from '../../src/main/core/policy/service';
import { tempDb, type TempDb } from '../unit/store/tempDb';
import type { TestTenant } from '../integration/demo-tenant/identity-helpers';
import { agentByLabel, createSession } from './sessionHarness';

export { SHORT_WINDOWS } from './sessionHarness';

/** What app:get-info answers in a harness: the demo tenant, the browser host, a temporary data folder. */
export function harnessAppInfo(dataFolder: string): AppInfo {
  return { name: 'Resetline', version: 'test', dataFolder, tenantMode: 'demo', host: 'browser', schemaVersion: 0 };
}

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
  options: { onGraphRequest?: (method: string, url: string) => void } = {},
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
  const info = () => harnessAppInfo(store.dir);
  const router = createRouter(
    createHandlers(
      buildServices({
        db: store.db,
        info,
        session,
        policy: new PolicyService(store.db, session),
        caller: { clock: clock.now },
      }),
    ),
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

/**
 * Reads a job (`jobs:get`, as the renderer's fallback does) until it is over, and answers how it ended.
 * Gives up after about 30 s so a job that never ends fails the test instead of hanging it.
 */
export async function settledJob(h: CallerHarness, jobId: string): Promise<Job> {
  for (let i = 0; i < 150; i++) {
    const job = await h.call<Job>('jobs:get', { jobId });
    if (isFinal(job.state)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not end`);
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

/**
 * The tests' verification policy: every type allowed, five attempts, and eight-digit codes (a code is
 * then unmistakable when a test scans files and logs for it).
 */
export function testPolicy(requiredChecks: 1 | 2 = 1): VerificationPolicy {
  return {
    requiredChecks,
    allowedTypes: ['sms', 'email', 'manager', 'knowledge'],
    maxAttempts: 5,
    codeLength: 8,
    mailFrom: null,
    ticketRequired: false,
  };
}

/** Where the demo tenant sends this user's code of that type: the profile's mobile, or the email method. */
export function codeAddress(u: DemoUser, type: 'sms' | 'email'): string {
  if (type === 'sms') return u.mobilePhone!.replace(/\s/g, '');
  const method = u.methods.find((m) => m.kind === 'email') as { emailAddress: string } | undefined;
  return method?.emailAddress ?? u.otherMails[0]!;
}

/**
 * Opens a call as the app does and waits for the whole card: `call:open` answers with its identity
 * part, `call:get-methods` once the methods and registration details are in.
 */
export async function openWhole(h: Pick<CallerHarness, 'call'>, targetId: string): Promise<CallView> {
  const { callId } = await h.call<CallView>('call:open', { targetId });
  return h.call<CallView>('call:get-methods', { callId });
}

/** Opens a call and passes one code check through the given option type, as the agent would. */
export async function openVerified(
  h: CallerHarness,
  u: DemoUser,
  type: 'sms' | 'email' = 'sms',
): Promise<{ view: CallView; callId: string; code: string }> {
  const view = await openWhole(h, u.id);
  const option = view.verification.options.find((o) => o.type === type);
  if (!option) throw new Error(`no ${type} option for ${u.userPrincipalName}`);
  const c = await h.call<ChallengeView>('verify:start-challenge', { callId: view.callId, type, optionId: option.id });
  const code = await latestCode(h, codeAddress(u, type));
  const answer = await h.call<ChallengeAnswer>('verify:check-code', {
    callId: view.callId,
    challengeId: c.challengeId,
    code,
  });
  if (!answer.verification.met) throw new Error(`one ${type} check did not meet the policy`);
  return { view, callId: view.callId, code };
}
