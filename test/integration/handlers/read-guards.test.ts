// Who may read what, through the real runtime, router and handlers against the demo tenant: every
// contract channel is in the table below with what it needs; signed out, every channel that reads
// tenant or audit data answers signed_out (cached data included), and a Helpdesk Administrator is
// refused every registration channel even while a snapshot a Global Administrator took sits in the
// database — the refusal naming the roles that may read it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChannels, type ChannelName } from '../../../src/shared/contract';
import type { Job } from '../../../src/shared/jobs';
import { REGISTRATION_READER_NAMES } from '../../../src/shared/roles';
import { TEAM_READER_NAMES } from '../../../src/shared/team';
import { startRuntime, type RuntimeHarness } from '../../support/runtimeHarness';

/** What a channel needs before it answers. */
type Need =
  /** Answers signed out by design; says why. */
  | { need: 'nothing'; why: string }
  /** A change another guard decides (policy administrator, first-run set-up); not a read. */
  | { need: 'admin-change'; why: string }
  /** A signed-in agent of the current tenant. */
  | { need: 'agent'; input: unknown }
  /** A signed-in agent holding a role that may read the registration report. */
  | { need: 'registration-reader'; input: unknown }
  /** Acts on an open call, which only a signed-in agent can open: signed out there is none to act on. */
  | { need: 'open-call'; input: unknown };

const range = { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' };
const call = randomUUID();
const uuid = randomUUID();

/** Every channel of the contract, once: a channel added without a line here fails the first test. */
const NEEDS: Record<ChannelName, Need> = {
  'app:get-info': { need: 'nothing', why: 'name, version and data folder: the About screen before sign-in' },
  'audit:list': { need: 'agent', input: {} },
  'audit:count': { need: 'agent', input: {} },
  'audit:verify': { need: 'agent', input: undefined },
  'audit:get-call': { need: 'agent', input: { callId: 'call-1' } },
  'audit:get-stats': { need: 'agent', input: range },
  // Team History reads every desk's calls: the team lead's roles (TEAM_READER_ROLES = the registration readers).
  'team:list-events': { need: 'registration-reader', input: {} },
  'team:count-events': { need: 'registration-reader', input: {} },
  'team:get-trends': { need: 'registration-reader', input: range },
  'team:get-call': { need: 'registration-reader', input: { callId: 'call-1' } },
  'team:check-desks': { need: 'registration-reader', input: undefined },
  // Each job kind names its own need: History's export any agent, the registration kinds a reader.
  'jobs:start': { need: 'registration-reader', input: { kind: 'registration-export', query: {} } },
  'jobs:get': { need: 'agent', input: { jobId: 'job-1' } },
  'jobs:cancel': { need: 'agent', input: { jobId: 'job-1' } },
  'jobs:list': { need: 'registration-reader', input: { kind: 'registration-ingest' } },
  'sspr:list': { need: 'agent', input: range },
  'sspr:get-stats': { need: 'agent', input: range },
  'sspr:get-caller-attempts': { need: 'agent', input: { userId: 'someone' } },
  'auth:sign-in': { need: 'nothing', why: 'signing in' },
  'auth:sign-in-device-code': { need: 'nothing', why: 'signing in' },
  'auth:cancel-sign-in': { need: 'nothing', why: 'signing in' },
  'auth:sign-out': { need: 'nothing', why: 'signing out' },
  'auth:get-session': { need: 'nothing', why: 'who is signed in (nobody is an answer)' },
  'settings:get': { need: 'nothing', why: 'Settings chooses the tenant before anyone can sign in to it' },
  'settings:update': { need: 'admin-change', why: 'first-run set-up, else a policy administrator (settings)' },
  'settings:get-sspr': { need: 'agent', input: undefined },
  'settings:set-sspr': { need: 'admin-change', why: 'requirePolicyAdmin' },
  'settings:get-permission-check': { need: 'agent', input: undefined },
  'settings:get-verification-policy': { need: 'nothing', why: "Resetline's own verification rules, shown in Settings" },
  'settings:set-verification-policy': { need: 'admin-change', why: 'requirePolicyAdmin' },
  'settings:get-sms-provider': { need: 'nothing', why: 'the SMS endpoint host, shown in Settings; never the key' },
  'settings:set-sms-provider': { need: 'admin-change', why: 'requirePolicyAdmin' },
  'settings:get-forwarding': { need: 'agent', input: undefined },
  'settings:set-forwarding': { need: 'admin-change', why: 'requirePolicyAdmin' },
  'forwarding:get-status': { need: 'agent', input: undefined },
  'users:search': { need: 'agent', input: { text: 'alex' } },
  'users:get-caller': { need: 'agent', input: { id: 'alex.cloud@contoso.com' } },
  'policy:get': { need: 'agent', input: undefined },
  'call:open': { need: 'agent', input: { targetId: 'alex.cloud@contoso.com' } },
  'call:get': { need: 'open-call', input: { callId: call } },
  'call:get-methods': { need: 'open-call', input: { callId: call } },
  'call:close': { need: 'open-call', input: { callId: call, outcome: 'abandoned' } },
  'call:list-open': { need: 'agent', input: undefined },
  'verify:start-challenge': { need: 'open-call', input: { callId: call, type: 'knowledge' } },
  'verify:check-code': { need: 'open-call', input: { callId: call, challengeId: uuid, code: '123456' } },
  'verify:answer-question': {
    need: 'open-call',
    input: { callId: call, challengeId: uuid, questionId: 'q1', answer: 'x' },
  },
  'verify:get-state': { need: 'open-call', input: { callId: call } },
  'reset:run': { need: 'open-call', input: { callId: call, actions: [{ kind: 'resetPassword' }] } },
  'reset:check-password': { need: 'open-call', input: { callId: call, password: 'Violet-harbor-58%' } },
  'reset:reveal-secret': { need: 'open-call', input: { callId: call, secretId: uuid } },
  'reset:send-secret': { need: 'open-call', input: { callId: call, secretId: uuid, via: 'sms' } },
  'registration:estimate-fallback': { need: 'registration-reader', input: undefined },
  'registration:list': { need: 'registration-reader', input: { query: {} } },
  'registration:get-stats': { need: 'registration-reader', input: undefined },
  'registration:get-user': { need: 'registration-reader', input: { userId: 'someone' } },
  'registration:list-password-age': { need: 'registration-reader', input: {} },
  'demo:list-outbox': { need: 'agent', input: {} },
};

/**
 * jobs:start asks each kind's own guard (each kind beside its service): the work
 * that used to be a channel of its own keeps that channel's need. Started as `jobs:start` with this input.
 */
const JOB_STARTS: [string, Need & { input: unknown }][] = [
  // The Self-service screen's Refresh (once `sspr:refresh`): any signed-in agent, as the screen is.
  ['sspr-refresh', { need: 'agent', input: { kind: 'sspr-refresh', ...range } }],
  // Team History's CSV: the team lead's roles, as every team channel.
  ['team-export', { need: 'registration-reader', input: { kind: 'team-export', filter: {} } }],
];

const entries = Object.entries(NEEDS) as [ChannelName, Need][];
const readers = (kinds: Need['need'][]) =>
  entries.filter((e): e is [ChannelName, Need & { input: unknown }] => kinds.includes(e[1].need));

let dataDir: string;
let app: RuntimeHarness;
const dispatch = (name: string, input: unknown) => app.dispatch(name, input);
const value = <T>(name: string, input: unknown) => app.value<T>(name, input);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'resetline-guards-'));
  app = await startRuntime({ dataDir });

  // A Global Administrator takes the snapshot and opens a call; both leave data in the database.
  await app.signInAs('global-admin');
  const ingest = await value<Job>('jobs:start', { kind: 'registration-ingest' });
  for (;;) {
    const job = await value<Job>('jobs:get', { jobId: ingest.id });
    if (job.state !== 'running') {
      expect(job.state).toBe('done');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await value('call:open', { targetId: 'alex.cloud@contoso.com' });
  await value('auth:sign-out', undefined);
}, 120_000);

afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('what each channel needs', () => {
  it('names every contract channel, and each sample input is valid', () => {
    expect(Object.keys(NEEDS).sort()).toEqual(allChannels.map((c) => c.channel.name).sort());
    for (const { channel } of allChannels) {
      const need = NEEDS[channel.name as ChannelName];
      if ('input' in need) expect(channel.input.safeParse(need.input).success, channel.name).toBe(true);
    }
  });

  it('signed out, every channel reading tenant or audit data answers signed_out, cached data included', async () => {
    expect(app.runtime.session.state()).toMatchObject({ status: 'signed-out', tenant: { mode: 'demo' } });
    const answered: string[] = [];
    for (const [name, need] of readers(['agent', 'registration-reader'])) {
      const result = await dispatch(name, need.input);
      if (result.ok || result.error.code !== 'signed_out') answered.push(`${name}: ${JSON.stringify(result)}`);
    }
    for (const [kind, need] of JOB_STARTS) {
      const result = await dispatch('jobs:start', need.input);
      if (result.ok || result.error.code !== 'signed_out') answered.push(`${kind}: ${JSON.stringify(result)}`);
    }
    expect(answered).toEqual([]);
  });

  it('signed out, the call channels have no call to act on', async () => {
    for (const [name, need] of readers(['open-call'])) {
      const result = await dispatch(name, need.input);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(['signed_out', 'call_not_found'], name).toContain(result.error.code);
    }
  });
});

describe('the registration report is for the roles that may read it', () => {
  it("refuses a Helpdesk Administrator every registration channel, the Global Administrator's snapshot included", async () => {
    await app.signInAs('helpdesk');
    // History is the helpdesk's own screen: it answers.
    expect(await value<{ total: number }>('audit:count', {})).toMatchObject({ total: expect.any(Number) });
    for (const [name, need] of readers(['registration-reader'])) {
      const result = await dispatch(name, need.input);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      if (!result.ok) {
        expect(result.error.message, name).toContain(REGISTRATION_READER_NAMES);
        expect(result.error.message, name).toContain(app.who().upn);
      }
    }
    for (const [kind, need] of JOB_STARTS.filter(([, n]) => n.need === 'registration-reader')) {
      const result = await dispatch('jobs:start', need.input);
      expect(result, kind).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      if (!result.ok) expect(result.error.message, kind).toContain(TEAM_READER_NAMES);
    }
  });

  it('answers a Global Reader with the snapshot the Global Administrator took', async () => {
    await app.signInAs('global-reader');
    const page = await value<{ snapshot: unknown; total: number }>('registration:list', { query: {} });
    expect(page.snapshot).not.toBeNull();
    expect(page.total).toBe(app.runtime.demoTenant()!.directory.users.length);
    const job = await value<Job>('jobs:start', { kind: 'registration-export', query: {} });
    expect(await value('jobs:get', { jobId: job.id })).toMatchObject({ id: job.id, kind: 'registration-export' });
  });

  it('answers a job only to the agent who started it; another agent is told there is none', async () => {
    await app.signInAs('global-reader');
    const job = await value<Job>('jobs:start', { kind: 'registration-export', query: {} });
    expect(await value<Job[]>('jobs:list', { kind: 'registration-export' })).toContainEqual(
      expect.objectContaining({ id: job.id }),
    );
    await app.signInAs('global-admin');
    for (const name of ['jobs:get', 'jobs:cancel']) {
      const result = await dispatch(name, { jobId: job.id });
      expect(result, name).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await value<Job[]>('jobs:list', { kind: 'registration-export' })).toEqual([]);
    // History's export is any agent's: the Helpdesk Administrator refused the registration kinds may start it.
    await app.signInAs('helpdesk');
    const own = await value<Job>('jobs:start', { kind: 'audit-export', filter: {} });
    expect(own).toMatchObject({ kind: 'audit-export', params: { kind: 'audit-export' } });
    expect(await value('jobs:get', { jobId: own.id })).toMatchObject({ id: own.id });
  });

  it('refuses a start of no known kind, or a job id that is not one, in words for the agent', async () => {
    await app.signInAs('global-reader');
    for (const [name, input, says] of [
      ['jobs:start', { kind: 'mailbox-export' }, /^[A-Z].*\.$/],
      ['jobs:start', { kind: 'registration-export', query: {}, extra: true }, /^[A-Z].*\.$/],
      ['jobs:get', { jobId: '' }, /\bjob\b/],
    ] as const) {
      const result = await dispatch(name, input);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) {
        expect(result.error.message, name).not.toMatch(/zod|discriminat|invalid_union|Expected|_/i);
        expect(result.error.message, name).toMatch(says);
      }
    }
  });
});
