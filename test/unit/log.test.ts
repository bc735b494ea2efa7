import { describe, expect, it } from 'vitest';
import { createLogger, redact, setLogSink } from '../../src/main/core/log';

describe('logger', () => {
  it('redacts secret-looking keys at any depth and token-shaped strings anywhere', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'debug');
    createLogger('test').info('sent Bearer abc.def.ghi to graph', {
      newPassword: 'Correct-Horse-42',
      nested: { temporaryAccessPass: 'TAP+123', code: '123456', ok: 'visible' },
      header: 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjMifQ.c2lnbmF0dXJl',
    });
    const out = lines.join('\n');
    for (const secret of ['Correct-Horse-42', 'TAP+123', '123456', 'abc.def.ghi', 'eyJhbGciOiJSUzI1NiJ9']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('visible');
    expect(out).toContain('"module":"test"');
  });

  it('keeps error names and redacts their messages', () => {
    expect(redact(new TypeError('token eyJhbGciOiJub25lIn0.eyJhIjoxfQ.xyz123 leaked'))).toEqual({
      name: 'TypeError',
      message: 'token [redacted-jwt] leaked',
    });
  });
});
