// The browser host's fetch client: what one call puts on the wire (path, secret header, body, fetch
// options) and how every answer, good or broken, becomes a Result the UI can show. The fetch function
// is the transport's own parameter; the answers are real `Response` objects.
import { describe, expect, it } from 'vitest';
import { sendOverHttp } from '../../../src/renderer/src/api/transport';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records what it was asked and answers with the given Response (or throws). */
function fetchAnswering(answer: () => Response): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof fetch;
  return { fetch: fetchImpl, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('sendOverHttp', () => {
  it('POSTs the input to /api/<channel> with the session key in the secret header, no cookies', async () => {
    const wire = fetchAnswering(() => json({ ok: true, value: { total: 3 } }));
    const result = await sendOverHttp('k'.repeat(64), 'audit:count', { agentUpn: 'a@b' }, wire.fetch);
    expect(result).toEqual({ ok: true, value: { total: 3 } });
    expect(wire.sent).toHaveLength(1);
    const [{ url, init }] = wire.sent as [Sent];
    expect(url).toBe('/api/audit%3Acount');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error', cache: 'no-store' });
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-resetline-secret': 'k'.repeat(64) });
    expect(JSON.parse(String(init.body))).toEqual({ input: { agentUpn: 'a@b' } });
  });

  it("passes the host's error on, keeping its request id, and names an unknown code internal", async () => {
    const known = fetchAnswering(() =>
      json({ ok: false, error: { code: 'throttled', message: 'Later.', requestId: 'r-1' } }, 429),
    );
    expect(await sendOverHttp('s', 'users:search', {}, known.fetch)).toEqual({
      ok: false,
      error: { code: 'throttled', message: 'Later.', requestId: 'r-1' },
    });
    const unknown = fetchAnswering(() => json({ ok: false, error: { code: 'made_up', message: 'Odd.' } }, 500));
    expect(await sendOverHttp('s', 'users:search', {}, unknown.fetch)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Odd.' },
    });
  });

  it('answers unavailable, never throws, when the host is gone or answers something else', async () => {
    const cases: (() => Response)[] = [
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response('<html>proxy error</html>', { status: 502 }),
      () => json({ value: 1 }),
      () => json({ ok: false, error: { code: 'internal' } }),
    ];
    for (const answer of cases) {
      const result = await sendOverHttp('s', 'app:get-info', undefined, fetchAnswering(answer).fetch);
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
  });
});
