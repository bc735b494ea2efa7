// The demo tenant's keys on disk and the reach of its CA: a private data folder per run (fresh from
// mkdtemp, or a given one checked and made 0700), and a CA whose critical name constraints permit
// loopback names only, so a TLS client that trusts it still refuses a certificate it signs for any
// other host.
import { spawn, type ChildProcess } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { chownSync, mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { connect, createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { NameConstraints } from '@peculiar/asn1-x509';
import type * as X509 from '@peculiar/x509';
import { DemoDataDirError } from '../../../src/demo-tenant/data-dir';
import { DemoTlsError, loadOrCreateTls, NAME_CONSTRAINTS_OID, type DemoTls } from '../../../src/demo-tenant/tls';

const ROOT = resolve(__dirname, '../../..');
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

let dir: string;
let dataDir: string;
let demoTls: DemoTls;
let x509: typeof X509;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resetline-demo-private-'));
  dataDir = join(dir, 'not-yet-there');
  demoTls = await loadOrCreateTls(dataDir);
  // loadOrCreateTls has loaded reflect-metadata, which @peculiar/x509's tsyringe needs as it loads.
  x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A server certificate for `dnsName`, signed with the demo CA's own key (as a thief of that key could). */
async function leafSignedByDemoCa(dnsName: string): Promise<{ certPem: string; keyPem: string }> {
  const caKeyPem = await readFile(join(dataDir, 'demo-ca.key.pem'), 'utf8');
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(caKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'),
    EC,
    false,
    ['sign'],
  );
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const ca = new x509.X509Certificate(demoTls.caCertPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c',
    subject: `CN=${dnsName}`,
    issuer: ca.subject,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: dnsName }]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    certPem: cert.toString('pem'),
    keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n`,
  };
}

/** A real TLS handshake from a client that trusts only the demo CA: 'ok', or the verification error. */
async function handshake(leaf: { certPem: string; keyPem: string }, servername: string): Promise<string> {
  const server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (socket) => socket.end());
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as { port: number };
    return await new Promise<string>((done) => {
      const socket = connect({ host: '127.0.0.1', port, servername, ca: demoTls.caCertPem }, () => {
        socket.destroy();
        done('ok');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => done(`${error.code ?? ''} ${error.message}`));
    });
  } finally {
    server.close();
  }
}

describe('the demo CA', () => {
  it('carries critical name constraints permitting only localhost, 127.0.0.0/8 and ::1', () => {
    const ca = new x509.X509Certificate(demoTls.caCertPem);
    const extension = ca.getExtension(NAME_CONSTRAINTS_OID);
    expect(extension?.critical).toBe(true);
    const constraints = AsnConvert.parse(extension!.value, NameConstraints);
    expect(constraints.permittedSubtrees?.map((subtree) => subtree.base)).toEqual([
      { dNSName: 'localhost' },
      { iPAddress: '127.0.0.0/8' },
      { iPAddress: '::1/128' },
    ]);
    expect(constraints.excludedSubtrees).toBeUndefined();
  });

  it('vouches for localhost but not for another host, even to a client that trusts it', async () => {
    expect(await handshake(await leafSignedByDemoCa('localhost'), 'localhost')).toBe('ok');
    expect(await handshake(await leafSignedByDemoCa('login.microsoftonline.com'), 'login.microsoftonline.com')).toMatch(
      /permitted subtree violation|PERMITTED_VIOLATION/i,
    );
  });
});

describe("the demo tenant's data folder", () => {
  it('is created 0700 when missing, and a folder of ours left open is tightened to 0700', async () => {
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    await loadOrCreateTls(open);
    expect((await stat(open)).mode & 0o777).toBe(0o700);
  });

  it("refuses a link or another user's folder, whose keys someone else could read or replace", async () => {
    const link = join(dir, 'link');
    symlinkSync(dataDir, link);
    const linkError = await loadOrCreateTls(link).catch((e: unknown) => e);
    expect(linkError).toBeInstanceOf(DemoTlsError);
    expect((linkError as DemoTlsError).cause).toBeInstanceOf(DemoDataDirError);

    const foreign = join(dir, 'foreign');
    mkdirSync(foreign, { mode: 0o777 });
    // Only possible as root; elsewhere the link case above stands for the check.
    if (process.getuid?.() !== 0) return;
    chownSync(foreign, 65534, 65534);
    const error = await loadOrCreateTls(foreign).catch((e: unknown) => e);
    expect((error as DemoTlsError).cause).toBeInstanceOf(DemoDataDirError);
    expect(String((error as DemoTlsError).cause)).toMatch(/belongs to another user/);
  });

  it('is a fresh private folder for each CLI start without --data-dir, never a shared fixed one', async () => {
    const children: ChildProcess[] = [];
    // tsx as a loader in the CLI's own process (as server-cli.test.ts): tsx's CLI would run the script in a
    // child of its own, which a kill of the wrapper leaves running.
    const start = () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/demo-tenant/cli.ts', '--users', '20', '--latency-ms', '0'],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      return new Promise<string>((started, failed) => {
        createInterface({ input: child.stdout! }).once('line', (line) =>
          started(dirname((JSON.parse(line) as { caCertPath: string }).caCertPath)),
        );
        child.once('exit', (code) => failed(new Error(`the demo-tenant CLI exited early with ${code}`)));
      });
    };
    try {
      const folders = await Promise.all([start(), start()]);
      expect(folders[0]).not.toBe(folders[1]);
      for (const folder of folders) {
        const info = await stat(folder);
        expect(info.mode & 0o777).toBe(0o700);
        expect(info.uid).toBe(process.getuid?.());
      }
      // Each CLI ends on SIGTERM: waited for, so none outlives the test.
      await Promise.all(children.map((child) => stopped(child, 'SIGTERM')));
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    } finally {
      await Promise.all(children.map((child) => stopped(child, 'SIGKILL')));
    }
  });
});

/** Sends `signal` to a child still running and resolves once it has exited. */
function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}
