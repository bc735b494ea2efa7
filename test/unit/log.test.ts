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
    expect(cause).toEqual({ code: '[redacted]', accessKey: '[redacted]', nested: { password: '[redacted]' } });
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
      // pino-pretty's line: time, level, module, message, then the fields on the same line.
      expect(console[0]).toMatch(
        /^\[\d\d:\d\d:\d\d\] WARN: runtime: database migrated \{"from":0,"to":80,"passwordChanged":true,"token":"\[redacted\]"\}$/,
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

/** A fresh data folder with the app's file-and-console logging on it; the console lines are collected. */
function withLogFile(run: (file: string, console: string[]) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-log-'));
  try {
    const console: string[] = [];
    const file = logToFileAndConsole(dir, (line) => console.push(line));
    try {
      run(file, console);
    } finally {
      setLogSink(() => undefined, 'error');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pino lines', () => {
  it('writes one pino JSON line per entry: level, ISO time, module, the fields, then msg', () => {
    withLogFile((file) => {
      if (process.platform !== 'win32') expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
      createLogger('runtime').info('browser host listening', { origin: 'https://127.0.0.1:4000' });
      createLogger('router').error('handler failed', { channel: 'reset:run' });
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines.at(-1)).toBe('');
      const entries = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries.map((e) => Object.keys(e))).toEqual([
        ['level', 'time', 'module', 'origin', 'msg'],
        ['level', 'time', 'module', 'channel', 'msg'],
      ]);
      expect(entries[0]).toMatchObject({ level: 'info', module: 'runtime', msg: 'browser host listening' });
      expect(entries[1]).toMatchObject({ level: 'error', module: 'router', channel: 'reset:run' });
      for (const e of entries) {
        expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(new Date(e.time as string).toISOString()).toBe(e.time);
      }
    });
  });

  it('keeps a secret in a nested field or an error cause out of the file and the console', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJuZXN0ZWQifQ.bmVzdGVkc2ln';
    withLogFile((file, console) => {
      const root = Object.assign(new Error(`Graph refused Bearer opaque-bearer-77 and ${jwt}`), {
        code: 'InvalidAuthenticationToken',
        statusCode: 401,
      });
      const cause = new Error('token refresh failed', { cause: root });
      const error = Object.assign(new Error('reset failed', { cause }), {
        request: { body: { newPassword: 'Nested-Horse-43', temporaryAccessPass: 'TAP!nested' } },
      });
      createLogger('call').error('reset failed', { error, call: { verification: { code: '918273' } } });
      const written = readFileSync(file, 'utf8');
      const shown = console.join('\n');
      for (const out of [written, shown]) {
        for (const secret of [
          'Nested-Horse-43',
          'TAP!nested',
          '918273',
          'opaque-bearer-77',
          'bmVzdGVkc2ln',
          'eyJvaWQi',
        ]) {
          expect(out).not.toContain(secret);
        }
      }
      const entry = JSON.parse(written) as { error: { cause: { cause: Record<string, unknown> } } };
      expect(entry.error.cause.cause).toMatchObject({
        message: 'Graph refused Bearer [redacted] and [redacted-jwt]',
        code: 'InvalidAuthenticationToken',
        statusCode: 401,
      });
      // The console shows the error's stack below the line, the cause chain with it.
      expect(shown).toMatch(/^\[\d\d:\d\d:\d\d\] ERROR: call: reset failed /);
      expect(shown).toContain('Error: reset failed\n');
      expect(shown).toContain('log.test.ts');
      expect(shown).toContain('Graph refused Bearer [redacted] and [redacted-jwt]');
    });
  });

  it('censors a connection string wherever pino is told it lives, though its key looks harmless', () => {
    const connectionString = 'endpoint=https://acs.communication.azure.com/;accesskey=c2VjcmV0LWtleQ==';
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'debug');
    try {
      createLogger('sms').warn('provider refused', {
        connectionString,
        provider: { connectionString },
        settings: { sms: { connectionString } },
      });
    } finally {
      setLogSink(() => undefined, 'error');
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('c2VjcmV0LWtleQ');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      connectionString: '[redacted]',
      provider: { connectionString: '[redacted]' },
      settings: { sms: { connectionString: '[redacted]' } },
    });
  });

  it('applies a new level to loggers made before it', () => {
    const early = createLogger('early');
    const lines: string[] = [];
    try {
      setLogSink((line) => lines.push(line), 'warn');
      early.info('quiet');
      early.warn('loud');
      setLogSink((line) => lines.push(line), 'debug');
      early.debug('detail');
    } finally {
      setLogSink(() => undefined, 'error');
    }
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['loud', 'detail']);
  });

  it('takes RESETLINE_LOG_LEVEL for the log file, and info when it names no level', () => {
    const before = process.env.RESETLINE_LOG_LEVEL;
    try {
      for (const [wanted, expected] of [
        ['debug', ['detail', 'note']],
        ['verbose', ['note']],
      ] as const) {
        process.env.RESETLINE_LOG_LEVEL = wanted;
        withLogFile((file) => {
          const log = createLogger('level');
          log.debug('detail');
          log.info('note');
          const msgs = readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((l) => (JSON.parse(l) as { msg: string }).msg);
          expect(msgs).toEqual(expected);
        });
      }
    } finally {
      if (before === undefined) delete process.env.RESETLINE_LOG_LEVEL;
      else process.env.RESETLINE_LOG_LEVEL = before;
    }
  });
});
