// The browser host's event stream over real HTTP, with the real runtime signed in to its demo tenant and
// a real History export job: the stream opens only with a one-time ticket bought with the session key,
// the job's snapshots arrive in order with its final state last (and as jobs:get answers it), idle
// streams get heartbeats, and signing out ends the stream.
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendAuditEvents } from '../../../src/main/core/audit';
import { startHttpHost, type HttpHost } from '../../../src/main/core/host/httpHost';
import type { Job } from '../../../src/shared/jobs';
import { EVENTS_PATH, EVENTS_TICKET_PATH, eventStreamPath, SECRET_HEADER } from '../../../src/shared/wire';
import { sampleEvent } from '../../unit/audit/events';
import { startRuntime, type RuntimeHarness } from '../../support/runtimeHarness';

let dataDir: string;
let app: RuntimeHarness;
let host: HttpHost;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'resetline-events-'));
  app = await startRuntime({ dataDir });
  await app.signInAs('helpdesk');
  host = await startHttpHost({
    router: app.runtime.router,
    rendererDir: dataDir,
    downloads: app.runtime.exports,
    events: app.runtime.events,
    eventHeartbeatMs: 50,
  });
  appendAuditEvents(
    app.runtime.db,
    Array.from({ length: 5_000 }, (_, i) => sampleEvent(i, { notes: `streamed ${i}` })),
  );
});
afterAll(async () => {
  await host?.close();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${host.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown } };
}

const keyHeaders = () => ({ [SECRET_HEADER]: host.secret });

async function ticket(): Promise<string> {
  const answer = await post(EVENTS_TICKET_PATH, {}, keyHeaders());
  expect(answer.status).toBe(200);
  return (answer.body.value as { ticket: string }).ticket;
}

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An open stream: its frames as they arrive, and whether the host ended it. */
function openStream(path: string): Promise<{ res: IncomingMessage; frames: Frame[]; ended: () => boolean }> {
  return new Promise((resolveOpen, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      const frames: Frame[] = [];
      let buffer = '';
      let ended = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Frame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const at = line.indexOf(': ');
              frame[line.slice(0, at) as 'id' | 'event' | 'data'] = line.slice(at + 2);
            }
          }
          frames.push(frame);
        }
      });
      res.on('end', () => (ended = true));
      res.on('close', () => (ended = true));
      resolveOpen({ res, frames, ended: () => ended });
    });
    req.on('error', reject);
    req.end();
  });
}

async function call<T>(channel: string, input: unknown): Promise<T> {
  const answer = await post(`/api/${channel}`, { input }, keyHeaders());
  if (!answer.body.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.body)}`);
  return answer.body.value as T;
}

describe('browser host event stream', () => {
  it('opens only with a one-time ticket, and a ticket only for the session key', async () => {
    expect((await post(EVENTS_TICKET_PATH, {})).status).toBe(401);
    expect((await post(EVENTS_TICKET_PATH, {}, { [SECRET_HEADER]: 'f'.repeat(64) })).status).toBe(401);
    const refusedWithout = await openStream(EVENTS_PATH);
    expect(refusedWithout.res.statusCode).toBe(401);
    const refusedKey = await openStream(eventStreamPath(host.secret));
    expect(refusedKey.res.statusCode).toBe(401);
    const once = await ticket();
    const stream = await openStream(eventStreamPath(once));
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const again = await openStream(eventStreamPath(once));
    expect(again.res.statusCode).toBe(401);
    stream.res.destroy();
  });

  it('sends a job’s snapshots in order, its final state last and as jobs:get answers it; heartbeats meanwhile', async () => {
    const stream = await openStream(eventStreamPath(await ticket()));
    await vi.waitFor(() => expect(stream.frames.some((f) => f.comment === 'heartbeat')).toBe(true));
    const started = await call<Job>('jobs:start', { kind: 'audit-export', filter: { text: 'streamed' } });
    const ofJob = () =>
      stream.frames
        .filter((f) => f.event === 'jobs:progress')
        .map((f) => ({ id: Number(f.id), job: JSON.parse(f.data!) as Job }))
        .filter((e) => e.job.id === started.id);
    await vi.waitFor(() => expect(ofJob().at(-1)?.job.state).toBe('done'), { timeout: 20_000 });
    const events = ofJob();
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const done = events.map((e) => e.job.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.filter((e) => e.job.state === 'done')).toHaveLength(1);
    const final = events.at(-1)!.job;
    expect(final).toMatchObject({ state: 'done', result: { type: 'file', rows: 5_000 } });
    expect(await call<Job>('jobs:get', { jobId: started.id })).toEqual(final);
    stream.res.destroy();
  });

  it('ends the stream when the agent signs out', async () => {
    const stream = await openStream(eventStreamPath(await ticket()));
    expect(stream.res.statusCode).toBe(200);
    expect(stream.ended()).toBe(false);
    await call('auth:sign-out', undefined);
    await vi.waitFor(() => expect(stream.ended()).toBe(true));
  });
});
