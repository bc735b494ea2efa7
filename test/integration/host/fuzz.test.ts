// Fuzzes the RUNNING browser host (a child process, so a crash is a real exit) with raw request lines,
// targets, headers and bodies over plain sockets. Every request must be answered with a handled status
// (never a 5xx) or have its socket closed, and the host must still serve valid requests afterwards.
// Reproducible: the cases come from a seeded PRNG; RESETLINE_FUZZ_SEED picks another seed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'fixtures', 'run-host.ts');
const SEED = Number(process.env.RESETLINE_FUZZ_SEED ?? 20261206);
const RANDOM_CASES = 400;
const BATCH = 20;

let dir: string;
let child: ChildProcess;
let port: number;
let firstUrl: string;
let childStderr = '';

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed and index. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzCase {
  name: string;
  bytes: Buffer;
}

interface Outcome {
  /** The status of the first response, null when the host sent nothing before closing. */
  status: number | null;
  timedOut: boolean;
}

const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'get',
  'FOO',
  'G\0ET',
  '',
  'M'.repeat(300),
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', 'http/1.1', ''];

function targets(): string[] {
  return [
    '/',
    '/index.html',
    '/api/app:get-info',
    '/api/app%3Aget-info',
    '/session',
    '/download/abcdefghijklmnopqrstuvwxyz',
    'http://a:99999/',
    `http://127.0.0.1:${port}/api/app:get-info`,
    'http://[::1/',
    'http://a b/',
    'ftp://x/',
    'javascript:alert(1)',
    '*',
    '//evil.example/',
    '/%',
    '/%zz',
    '/api/%',
    '/api/%E0%A4%A',
    '/download/%ff%',
    '/session%00',
    '/\0',
    '/a\0b',
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    `/${'a'.repeat(8000)}`,
    `/${'a'.repeat(70_000)}`,
    `/?${'&x'.repeat(3000)}`,
    `/api/${'x'.repeat(500)}`,
    '',
  ];
}

function headerSets(rand: () => number): string[][] {
  const hostLine = `Host: 127.0.0.1:${port}`;
  const hex = Array.from({ length: 64 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return [
    [hostLine],
    [],
    [hostLine, 'Host: evil.example'],
    [hostLine, `Origin: http://127.0.0.1:${port}`, 'Origin: https://evil.example'],
    [hostLine, `X-Big: ${'b'.repeat(20_000)}`],
    [hostLine, ...Array.from({ length: 300 }, (_, i) => `X-N${i}: v`)],
    [hostLine, 'Bad\0Name: 1'],
    [hostLine, 'X-Val: a\0b'],
    [hostLine, 'NoColonHere'],
    [hostLine, ' folded: line'],
    [hostLine, 'Content-Length: -1'],
    [hostLine, 'Content-Length: abc'],
    [hostLine, 'Content-Length: 5', 'Content-Length: 6'],
    [hostLine, 'Transfer-Encoding: chunked', 'Content-Length: 3'],
    [hostLine, 'Transfer-Encoding: chunked'],
    [hostLine, 'Content-Type: application/json', `x-resetline-secret: ${hex}`, 'x-resetline-secret: x'],
    [hostLine, 'Content-Type: application/json', 'Content-Length: 999999999'],
    [hostLine, 'Sec-Fetch-Site: cross-site'],
    [hostLine, 'Content-Type: application/json', `Origin: http://127.0.0.1:${port}`],
  ];
}

const BODIES = ['', '{}', `{"bootstrap":"${'f'.repeat(64)}"}`, '{"bootstrap":[1]}', '{nope', 'zz\r\n', '\0\x01\x02'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function request(method: string, target: string, version: string, headers: string[], body = ''): Buffer {
  return Buffer.from(
    `${method} ${target} ${version}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`,
    'latin1',
  );
}

/** The reported crash and its neighbours first, then seeded random combinations. */
function fuzzCases(): FuzzCase[] {
  const rand = seededRandom(SEED);
  const hostLine = `Host: 127.0.0.1:${port}`;
  const fixed: FuzzCase[] = [
    { name: 'absolute-form target with a bad port', bytes: request('GET', 'http://a:99999/', 'HTTP/1.1', [hostLine]) },
    { name: 'absolute-form target', bytes: request('GET', `http://127.0.0.1:${port}/`, 'HTTP/1.1', [hostLine]) },
    { name: 'asterisk target', bytes: request('OPTIONS', '*', 'HTTP/1.1', [hostLine]) },
    { name: 'bad percent-encoding in a channel', bytes: request('POST', '/api/%E0%A4%A', 'HTTP/1.1', [hostLine]) },
  ];
  const random: FuzzCase[] = Array.from({ length: RANDOM_CASES }, (_, i) => {
    if (rand() < 0.05) {
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 400) }, () => Math.floor(rand() * 256)));
      return { name: `#${i} random bytes`, bytes: junk };
    }
    // Each part is usually sane and sometimes broken, so most cases get past Node's parser to the host.
    const method = rand() < 0.7 ? pick(rand, ['GET', 'POST', 'HEAD']) : pick(rand, METHODS);
    const version = rand() < 0.8 ? 'HTTP/1.1' : pick(rand, VERSIONS);
    const target = rand() < 0.4 ? pick(rand, targets().slice(0, 6)) : pick(rand, targets());
    const parts = [method, target, version] as const;
    const sets = headerSets(rand);
    const headers = rand() < 0.4 ? sets[sets.length - 1]! : pick(rand, sets);
    const body = pick(rand, BODIES);
    // Usually a body is framed; unframed, its bytes reach Node's parser as a second (pipelined) request.
    const framed = rand() < 0.8 && !headers.some((h) => /^(content-length|transfer-encoding):/i.test(h));
    const withLength =
      framed && body !== '' ? [...headers, `Content-Length: ${Buffer.byteLength(body, 'latin1')}`] : headers;
    let bytes = request(...parts, withLength, body);
    if (rand() < 0.1) bytes = Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const shown = `${parts[0].slice(0, 20)} ${parts[1].slice(0, 40)} ${parts[2]}`;
    return { name: `#${i} ${JSON.stringify(shown)} + ${headers.length} header(s)`, bytes };
  });
  return [...fixed, ...random];
}

/**
 * Sends raw bytes on a fresh socket and reads until a status line arrives or the host closes. A request
 * the host is still waiting on after a moment is half-closed (the client has nothing more to send).
 */
function exchangeRaw(bytes: Buffer, timeoutMs = 15_000): Promise<Outcome> {
  return new Promise((resolveOutcome) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const statusOf = () => /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(halfClose);
      socket.destroy();
      const match = statusOf();
      resolveOutcome({ status: match ? Number(match[1]) : null, timedOut });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    const halfClose = setTimeout(() => socket.end(), 500);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (statusOf() !== null) finish(false);
    });
    // A reset (the host dropping a request it will not read) counts as closing that socket.
    socket.on('error', () => undefined);
    socket.on('close', () => finish(false));
  });
}

/** A valid page load and a valid API call (with a session key traded for a fresh address's token). */
async function expectStillServing(): Promise<void> {
  expect(child.exitCode, `the host exited:\n${childStderr}`).toBeNull();
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.status).toBe(200);
  await page.arrayBuffer();
  const info = await fetch(`http://127.0.0.1:${port}/api/app:get-info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-resetline-secret': sessionKey },
    body: '{}',
  });
  expect(await info.json()).toMatchObject({ ok: true, value: { host: 'browser' } });
}

let sessionKey = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'resetline-fuzz-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Resetline</title>');
  child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'data'), renderer], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (childStderr += chunk.toString()));
  const started = await new Promise<{ port: number; url: string }>((resolveStart, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined) resolveStart(JSON.parse(line) as { port: number; url: string });
    });
    child.on('exit', (code) => reject(new Error(`host exited (${code}) before starting:\n${childStderr}`)));
  });
  port = started.port;
  firstUrl = started.url;
  const exchanged = await fetch(`http://127.0.0.1:${port}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bootstrap: new URL(firstUrl).hash.replace('#bootstrap=', '') }),
  });
  sessionKey = ((await exchanged.json()) as { value: { sessionKey: string } }).value.sessionKey;
});

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host under malformed requests', () => {
  it('answers the reported crash, GET http://a:99999/, with a 400 in the Result shape', async () => {
    const raw = await new Promise<string>((resolveRaw, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(request('GET', 'http://a:99999/', 'HTTP/1.1', [`Host: 127.0.0.1:${port}`])),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolveRaw(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expectStillServing();
  });

  it(`answers or closes every fuzzed request and keeps serving (seed ${SEED})`, async () => {
    const cases = fuzzCases();
    const statuses = new Map<string, number>();
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = cases.slice(start, start + BATCH);
      const outcomes = await Promise.all(batch.map((c) => exchangeRaw(c.bytes)));
      outcomes.forEach((outcome, i) => {
        const name = `${batch[i]!.name} (seed ${SEED})`;
        expect(outcome.timedOut, `${name}: neither answered nor closed`).toBe(false);
        if (outcome.status !== null) expect(outcome.status, name).toBeLessThan(500);
        const key = String(outcome.status ?? 'closed');
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      });
      await expectStillServing();
    }
    // The mix really reached the host's own refusals, not only Node's parser.
    for (const status of ['400', '401', '403', '404']) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
  });
});
