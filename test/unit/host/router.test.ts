import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChannels } from '../../../src/shared/contract';
import { ERROR_CODES, ResetlineError } from '../../../src/shared/result';
import { createRouter, type Handlers } from '../../../src/main/core/host/router';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime';
import { setLogSink } from '../../../src/main/core/log';

let dir: string;
let runtime: Runtime;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resetline-router-'));
  runtime = createRuntime({ dataDir: dir, host: 'browser', version: '0.0.0-test' });
});
afterAll(() => {
  runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A full handler table whose every entry fails loudly; tests replace the ones they exercise. */
function unusedHandlers(): Handlers {
  const table: Record<string, Record<string, () => never>> = {};
  for (const { domain, method } of allChannels) {
    (table[domain] ??= {})[method] = () => {
      throw new Error(`handler ${domain}.${method} not expected in this test`);
    };
  }
  return table as unknown as Handlers;
}

function isEnvelope(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const r = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return (
    r.ok === false &&
    (ERROR_CODES as readonly unknown[]).includes(r.error?.code) &&
    typeof r.error?.message === 'string'
  );
}

describe('router', () => {
  it('answers malformed input on every channel with invalid_input, before any handler runs', async () => {
    // The real runtime: a malformed input must never reach a handler (which could sign in, write, call Graph).
    for (const { channel } of allChannels) {
      const malformed = fc
        .anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true })
        .filter((input) => !channel.input.safeParse(input).success);
      await fc.assert(
        fc.asyncProperty(malformed, async (input) => {
          const result = await runtime.router.dispatch(channel.name, input, { transport: 'ipc' });
          expect(isEnvelope(result)).toBe(true);
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        }),
        { numRuns: 100 },
      );
    }
  });

  it('answers any input on every channel with an envelope, never a throw', async () => {
    const handlers = unusedHandlers();
    const router = createRouter(handlers);
    for (const { channel } of allChannels) {
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (input) => {
          expect(isEnvelope(await router.dispatch(channel.name, input, { transport: 'http' }))).toBe(true);
        }),
        { numRuns: 50 },
      );
    }
  });

  it('names the offending field in invalid_input messages, in words an agent knows', async () => {
    const result = await runtime.router.dispatch('audit:list', { limit: 5000 }, { transport: 'http' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The page size must be 500 or less.' },
    });
  });

  it('answers a refused input with agent sentences and keeps zod detail for the log only', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'info');
    try {
      const router = createRouter(unusedHandlers());
      const search = await router.dispatch('users:search', { text: 'a'.repeat(5000) }, { transport: 'ipc' });
      expect(search).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'The search is too long: at most 200 characters.' },
      });
      const run = await router.dispatch(
        'reset:run',
        { callId: '00000000-0000-4000-8000-000000000000', actions: [] },
        { transport: 'ipc' },
      );
      expect(run).toMatchObject({ ok: false, error: { message: 'Choose at least one action.' } });
      expect(JSON.stringify([search, run])).not.toMatch(/Too (big|small)|expected|text:|actions:/);
      const log = lines.join('\n');
      expect(log).toContain('text: Too big');
      expect(log).toContain('actions: Too small');
    } finally {
      setLogSink(() => undefined, 'error');
    }
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const result = await runtime.router.dispatch('audit:list', { limt: 5 }, { transport: 'http' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses unknown channels with unknown_channel', async () => {
    for (const name of ['audit:drop', '', '__proto__', 'constructor']) {
      const result = await runtime.router.dispatch(name, undefined, { transport: 'ipc' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('answers app:get-info with the runtime facts', async () => {
    const result = await runtime.router.dispatch('app:get-info', undefined, { transport: 'ipc' });
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'Resetline', version: '0.0.0-test', dataFolder: dir, tenantMode: 'demo', host: 'browser' },
    });
  });

  it('keeps a handler ResetlineError code and hides unexpected errors behind internal', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'error');
    const handlers = unusedHandlers();
    const router = createRouter({
      ...handlers,
      app: {
        getInfo: () => {
          throw new ResetlineError('not_found', 'No such thing', 'req-1');
        },
      },
      audit: {
        ...handlers.audit,
        list: () => {
          throw new Error('disk on fire, token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh');
        },
      },
    });
    expect(await router.dispatch('app:get-info', undefined, { transport: 'ipc' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such thing', requestId: 'req-1' },
    });
    const hidden = await router.dispatch('audit:list', {}, { transport: 'ipc' });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('disk on fire');
    expect(lines.join('\n')).toContain('disk on fire');
    expect(lines.join('\n')).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('refuses to build with a missing handler', () => {
    const handlers = unusedHandlers() as unknown as Record<string, Record<string, unknown>>;
    delete handlers.audit!.verify;
    expect(() => createRouter(handlers as unknown as Handlers)).toThrow(/No handler for channel audit:verify/);
  });
});
