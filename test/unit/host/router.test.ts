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

function isEnvelope(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const r = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && (ERROR_CODES as readonly unknown[]).includes(r.error?.code) && typeof r.error?.message === 'string';
}

describe('router', () => {
  it('answers every channel with an envelope for any input, never a throw', async () => {
    for (const { channel } of allChannels) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }), async (input) => {
          const result = await runtime.router.dispatch(channel.name, input, { transport: 'ipc' });
          expect(isEnvelope(result)).toBe(true);
          // Whatever the schema refuses must come back as invalid_input, not reach a handler.
          if (!channel.input.safeParse(input).success) {
            expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
          }
        }),
        { numRuns: 150 },
      );
    }
  });

  it('names the offending field in invalid_input messages', async () => {
    const result = await runtime.router.dispatch('audit:list', { limit: 5000 }, { transport: 'http' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(/^limit: /);
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
    const handlers = {
      app: {
        getInfo: () => {
          throw new ResetlineError('not_found', 'No such thing', 'req-1');
        },
      },
      audit: {
        list: () => {
          throw new Error('disk on fire, token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh');
        },
        verify: () => ({ intact: true as const, rowsChecked: 0 }),
      },
    } satisfies Handlers;
    const router = createRouter(handlers);
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
    expect(() => createRouter({ app: {}, audit: {} } as unknown as Handlers)).toThrow(/No handler for channel/);
  });
});
