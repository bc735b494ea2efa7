// The app's REAL Graph client (createGraphClient and its middleware chain) sends the agent's token to
// the configured Graph origin only. An absolute URL on another origin — as an @odata.nextLink, a
// reset's Location header or a resume link kept in SQLite would carry — and a redirect hop to one are
// refused before anything is sent; the refusal is logged by origin, never with the token. The other
// origin is a TLS server the client would trust (its certificate is from the demo tenant's own CA, on
// the same 127.0.0.1), recording every request and its Authorization header.
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateTls } from '../../../src/demo-tenant/tls';
import { createGraphClient } from '../../../src/main/core/graph/client';
import { mapGraphError } from '../../../src/main/core/graph/errors';
import { pages } from '../../../src/main/core/graph/paging';
import { setLogSink } from '../../../src/main/core/log';
import { ResetlineError } from '../../../src/shared/result';
import { tokenFor } from '../demo-tenant/graph-helpers';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';

interface Recorder {
  server: Server;
  origin: string;
  seen: { url: string; authorization: string | undefined }[];
}

let t: TestTenant;
let token: string;
let foreign: Recorder;
let redirector: Recorder;
const logLines: string[] = [];

/** An HTTPS server on 127.0.0.1 with a certificate from the demo CA, recording what reaches it. */
async function recordingServer(answer: (res: ServerResponse) => void): Promise<Recorder> {
  const tls = await loadOrCreateTls(t.dataDir);
  const seen: Recorder['seen'] = [];
  const server = createServer({ cert: tls.serverCertPem, key: tls.serverKeyPem }, (req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    answer(res);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function appClient(graphOrigin: string): Client {
  return createGraphClient({ graphOrigin, getAccessToken: () => Promise.resolve(token), dispatcher: t.dispatcher });
}

async function refusal(run: Promise<unknown>): Promise<ResetlineError> {
  const error = mapGraphError(
    await run.then(
      () => new Error('expected a refusal'),
      (e: unknown) => e,
    ),
  );
  expect(error).toBeInstanceOf(ResetlineError);
  return error;
}

beforeAll(async () => {
  t = await startTestTenant({ users: 30 });
  const reader = t.tenant.directory.agents.find((a) => a.label === 'global-reader')!;
  token = await tokenFor(t, reader.upn, reader.password, ['User.Read.All']);
  foreign = await recordingServer((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: [{ id: 'planted' }] }));
  });
  redirector = await recordingServer((res) => {
    res.writeHead(302, { location: `${foreign.origin}/v1.0/users` });
    res.end();
  });
  setLogSink((line) => logLines.push(line), 'warn');
});
afterAll(async () => {
  setLogSink((line) => process.stderr.write(`${line}\n`), 'info');
  foreign?.server.close();
  redirector?.server.close();
  await t?.close();
});

describe("the Graph client keeps the agent's token on the tenant's Graph origin", () => {
  it('follows a real @odata.nextLink on the Graph origin as before', async () => {
    const client = appClient(t.tenant.origin);
    const seen: unknown[] = [];
    let count = 0;
    for await (const page of pages(client, '/users?$top=10&$select=id')) {
      seen.push(...page);
      if (++count === 2) break;
    }
    expect(seen).toHaveLength(20);
  });

  it('refuses a nextLink, Location or stored link on another origin before sending, and logs the origin only', async () => {
    const client = appClient(t.tenant.origin);
    const link = `${foreign.origin}/v1.0/users?$skiptoken=abc`;
    const error = await refusal(client.api(link).get());
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(foreign.origin);
    expect(error.message).toContain(t.tenant.origin);
    expect(error.message).toMatch(/your sign-in was not sent there/);
    // Through the paging helper too (a planted first page's nextLink would take this path).
    await expect(pages(client, link).next()).rejects.toMatchObject({ code: 'forbidden' });
    expect(foreign.seen).toEqual([]);

    const logged = logLines.filter((line) => line.includes('refused a Graph request to another origin'));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    for (const line of logged) {
      expect(line).toContain(foreign.origin);
      expect(line).not.toContain(token);
      expect(line).not.toContain('skiptoken');
    }
  });

  it('refuses the same host name on another port, and localhost for 127.0.0.1', async () => {
    const client = appClient(t.tenant.origin);
    const port = new URL(t.tenant.origin).port;
    expect((await refusal(client.api(`https://localhost:${port}/v1.0/users`).get())).code).toBe('forbidden');
    expect((await refusal(client.api(`${foreign.origin}/v1.0/me`).get())).code).toBe('forbidden');
    expect(foreign.seen).toEqual([]);
  });

  it('does not follow a redirect from the Graph origin to another origin', async () => {
    const client = appClient(redirector.origin);
    const error = await refusal(client.api('/me').get());
    expect(error.code).toBe('forbidden');
    expect(redirector.seen).toHaveLength(1);
    expect(foreign.seen).toEqual([]);
  });
});
