// `npm run demo-tenant`: one JSON line describing the running tenant, then it serves until stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';

const ROOT = resolve(__dirname, '../../..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface CliLine {
  authority: string;
  pagesOrigin: string;
  graphBaseUrl: string;
  smsEndpoint: string;
  caCertPath: string;
  tenantId: string;
  clientId: string;
  agents: { upn: string; password: string; roles: string[] }[];
}

describe('demo-tenant CLI', () => {
  it('prints one JSON line a client can use, serves, and exits cleanly on SIGTERM', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'resetline-cli-'));
    // tsx as a loader in this one process, not tsx's CLI: the CLI runs the script in a child and relays
    // signals to it, and under load it sometimes exited 143 itself before the child's handler ran.
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/demo-tenant/cli.ts',
        '--port',
        '0',
        '--pages-port',
        '0',
        '--users',
        '60',
        '--seed',
        '3',
        '--latency-ms',
        '0',
        '--no-premium',
        '--data-dir',
        dataDir,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    const lines = createInterface({ input: proc.stdout });
    const first = await new Promise<string>((res, rej) => {
      lines.once('line', res);
      proc.once('exit', (code) => rej(new Error(`CLI exited early with ${code}`)));
    });
    const info = JSON.parse(first) as CliLine;
    expect(Object.keys(info)).toEqual(
      expect.arrayContaining([
        'authority',
        'pagesOrigin',
        'graphBaseUrl',
        'smsEndpoint',
        'caCertPath',
        'tenantId',
        'clientId',
        'agents',
      ]),
    );
    expect(info.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
    expect(info.graphBaseUrl).toBe(`${new URL(info.authority).origin}/v1.0`);
    expect(info.pagesOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The sign-in pages answer over plain HTTP, with no CA to trust.
    const devicelogin = await undiciFetch(`${info.pagesOrigin}/devicelogin`);
    expect(devicelogin.status).toBe(200);
    expect(await devicelogin.text()).toContain('id="code-form"');
    expect(info.agents.map((a) => a.roles.join())).toEqual(
      expect.arrayContaining(['Helpdesk Administrator', 'Password Administrator']),
    );

    const dispatcher = new Agent({ connect: { ca: await readFile(info.caCertPath, 'utf8') } });
    try {
      const res = await undiciFetch(`${info.authority}/v2.0/.well-known/openid-configuration`, { dispatcher });
      const doc = (await res.json()) as { issuer: string; authorization_endpoint: string };
      expect(doc.issuer).toBe(`${info.authority}/v2.0`);
      expect(doc.authorization_endpoint).toBe(`${info.pagesOrigin}/${info.tenantId}/oauth2/v2.0/authorize`);
    } finally {
      await dispatcher.close();
    }
    const exited = new Promise<number | null>((res) => proc.once('exit', res));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
