// Demo tenant at 100,000 users: start time, resident memory, and users/second through GET /users
// paged with $top=999 by the real Graph client's PageIterator, over TLS, with an MSAL token.
// Goals: start ≤ 10 s, memory ≤ 1 GB. Figures are printed, never asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  PublicClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { startDemoTenant } from '../src/demo-tenant';
import { fetchOptionsWith } from '../src/main/core/net/trustedFetch';

const USERS = 100_000;
const MB = 1024 * 1024;

function networkClient(dispatcher: Agent): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const res = await undiciFetch(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      dispatcher,
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { headers, body: (await res.json()) as T, status: res.status };
  };
  return { sendGetRequestAsync: (u, o) => send(u, 'GET', o), sendPostRequestAsync: (u, o) => send(u, 'POST', o) };
}

export async function benchDemoTenant(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'resetline-bench-'));
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const tenant = await startDemoTenant({ dataDir, users: USERS, seed: 1 });
  const startMs = performance.now() - t0;
  const rssAfterStart = process.memoryUsage().rss;
  console.log(
    `demo tenant start (${USERS.toLocaleString('en-US')} users, first run: new CA + signing key): ${(startMs / 1000).toFixed(2)} s (goal ≤ 10 s)`,
  );
  console.log(
    `resident memory after start: ${(rssAfterStart / MB).toFixed(0)} MB (process before start: ${(rssBefore / MB).toFixed(0)} MB; goal ≤ 1024 MB)`,
  );

  const dispatcher = new Agent({ connect: { ca: tenant.caCertPem } });
  try {
    const reader = tenant.agents.find((a) => a.roles.includes('Global Reader')) ?? tenant.agents[0];
    if (!reader) throw new Error('the demo tenant has no agents');
    const pca = new PublicClientApplication({
      auth: { clientId: tenant.clientId, ...tenant.msal },
      system: { networkClient: networkClient(dispatcher) },
    });
    const auth = await pca.acquireTokenByUsernamePassword({
      scopes: ['User.Read.All'],
      username: reader.upn,
      password: reader.password,
    });
    if (!auth) throw new Error('no token');
    const client = Client.initWithMiddleware({
      baseUrl: tenant.origin,
      defaultVersion: 'v1.0',
      customHosts: new Set([new URL(tenant.origin).hostname]),
      authProvider: { getAccessToken: async () => auth.accessToken },
      fetchOptions: fetchOptionsWith(dispatcher),
    });
    let users = 0;
    let pages = 0;
    let peakRss = process.memoryUsage().rss;
    const p0 = performance.now();
    const first = (await client.api('/users').top(999).get()) as PageCollection;
    pages += 1;
    const it = new PageIterator(client, first, () => {
      users += 1;
      if (users % 999 === 0) {
        pages += 1;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      return true;
    });
    await it.iterate();
    const pageMs = performance.now() - p0;
    console.log(
      `GET /users?$top=999 via PageIterator: ${users.toLocaleString('en-US')} users in ~${pages} pages, ${(pageMs / 1000).toFixed(2)} s → ${Math.round(users / (pageMs / 1000)).toLocaleString('en-US')} users/s`,
    );
    console.log(`peak resident memory while paging (server + client in one process): ${(peakRss / MB).toFixed(0)} MB`);
  } finally {
    await dispatcher.close();
    await tenant.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
