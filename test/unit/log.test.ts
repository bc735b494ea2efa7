import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE_MAX_BYTES, logToFileAndConsole, redact, setLogSink } from '../../src/main/core/log';
import { ResetlineError } from '../../src/shared/result';

function logged(fields: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  setLogSink((line) => lines.push(line), 'debug');
  createLogger('test').error('failed', fields);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('logger', () => {
  it('redacts secret-looking keys at any depth and token-shaped strings anywhere', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'debug');
    createLogger('test').info('sent Bearer abc.def.ghi to graph', {
      newPassword: 'Correct-Horse-42',
      nested: { temporaryAccessPass: 'TAP+123', code: '123456', verificationCode: 'abcdef', ok: 'visible' },
      header: 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjMifQ.c2lnbmF0dXJl',
    });
    const out = lines.join('\n');
    for (const secret of ['Correct-Horse-42', 'TAP+123', '123456', 'abcdef', 'abc.def.ghi', 'eyJhbGciOiJSUzI1NiJ9']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('visible');
    expect(out).toContain('"module":"test"');
  });

  it('keeps error names and redacts their messages', () => {
    expect(redact(new TypeError('token eyJhbGciOiJub25lIn0.eyJhIjoxfQ.xyz123 leaked'))).toMatchObject({
      name: 'TypeError',
      message: 'token [redacted-jwt] leaked',
    });
  });

  it('keeps the stack and the whole cause chain, redacted', () => {
    const root = new Error('Graph answered Bearer eyJhbGciOiJub25lIn0.eyJhIjoxfQ.sig401 in a header');
    const middle = new Error('token refresh failed', { cause: root });
    const top = new ResetlineError('graph_error', 'The reset could not be sent.');
    top.cause = middle;
    const entry = logged({ error: top });
    const error = entry.error as Record<string, unknown>;
    expect(error).toMatchObject({ name: 'ResetlineError', message: 'The reset could not be sent.' });
    expect(error.stack).toMatch(/^ResetlineError: The reset could not be sent\.\n\s+at /);
    expect(error.stack).toContain('log.test.ts');
    const cause = error.cause as Record<string, unknown>;
    expect(cause).toMatchObject({ name: 'Error', message: 'token refresh failed' });
    expect(cause.stack).toContain('log.test.ts');
    const rootOut = cause.cause as Record<string, unknown>;
    expect(rootOut.message).toBe('Graph answered Bearer [redacted] in a header');
    expect(rootOut.stack).toContain('Graph answered Bearer [redacted] in a header');
    expect(JSON.stringify(entry)).not.toContain('sig401');
  });

  it('redacts secrets carried in a cause that is not an Error', () => {
    const error = new Error('sms send failed', {
      cause: { code: '482913', accessKey: 'k', nested: { password: 'p' } },
    });
    const cause = (logged({ error }).error as { cause: unknown }).cause;
    expect(cause).toEqual({ code: '[redacted]', accessKey: 'k', nested: { password: '[redacted]' } });
  });

  it('ends a cause cycle instead of following it', () => {
    const error = new Error('loop');
    error.cause = error;
    expect(JSON.stringify(logged({ error }))).toContain('[deep]');
  });

  it('keeps Graph, MSAL and Resetline error codes, but not a verification code under the same key', () => {
    const graph = Object.assign(new Error('Resource not found'), {
      code: 'Request_ResourceNotFound',
      statusCode: 404,
      requestId: 'r-1',
    });
    const msal = Object.assign(new Error('AADSTS70000'), { errorCode: 'invalid_grant' });
    const entry = logged({
      graph,
      msal,
      resetline: new ResetlineError('signed_out', 'Sign in to Resetline first.'),
      part: 'tap',
      code: 'graph_error',
      verification: { code: '123456', errorCode: '0042', statusCode: 123456 },
    });
    expect(entry.graph).toMatchObject({ code: 'Request_ResourceNotFound', statusCode: 404, requestId: 'r-1' });
    expect(entry.msal).toMatchObject({ errorCode: 'invalid_grant' });
    expect(entry.resetline).toMatchObject({ name: 'ResetlineError', code: 'signed_out' });
    expect(entry.code).toBe('graph_error');
    expect(entry.verification).toEqual({ code: '[redacted]', errorCode: '[redacted]', statusCode: '[redacted]' });
  });
});

describe('log file and console', () => {
  it('writes JSON lines to <data>/logs/resetline.log (owner-only) and readable lines to the console', () => {
    const dir = mkdtempSync(join(tmpdir(), 'resetline-log-'));
    try {
      const console: string[] = [];
      const file = logToFileAndConsole(dir, (line) => console.push(line));
      createLogger('runtime').warn('database migrated', { from: 0, to: 80, passwordChanged: true, token: 'eyJabc' });
      setLogSink(() => undefined, 'error');
      expect(file).toBe(join(dir, 'logs', 'resetline.log'));
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
      // A yes/no under a secret-looking key is no secret; the token still is.
      expect(entry).toMatchObject({
        level: 'warn',
        module: 'runtime',
        msg: 'database migrated',
        passwordChanged: true,
        token: '[redacted]',
      });
      expect(console).toHaveLength(1);
      expect(console[0]).toMatch(
        /^\d\d:\d\d:\d\d {2}warn {3}runtime {2}database migrated {2}from=0 to=80 passwordChanged=true token=\[redacted\]$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves a full log file aside and starts a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'resetline-log-'));
    try {
      const file = logToFileAndConsole(dir, () => undefined);
      const big = 'x'.repeat(64 * 1024);
      const log = createLogger('fill');
      for (let i = 0; i < LOG_FILE_MAX_BYTES / big.length + 2; i++) log.info('filler', { big });
      setLogSink(() => undefined, 'error');
      expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(LOG_FILE_MAX_BYTES);
      expect(statSync(file).size).toBeGreaterThan(0);
      expect(statSync(file).size).toBeLessThan(LOG_FILE_MAX_BYTES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
