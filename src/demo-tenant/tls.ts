// The demo tenant's own certificate authority. The CA (and the server key) are made once and kept in
// the data folder so a client that trusts them keeps trusting them across restarts; the server
// certificate (127.0.0.1, ::1, localhost) is issued fresh at every start, so it never expires. The CA
// carries critical name constraints permitting loopback names only, so even a client that trusts it
// (and a stolen CA key) cannot vouch for any real host.
import { createHash, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';
// tsyringe, under @peculiar/x509, refuses to load without the Reflect metadata API.
import 'reflect-metadata';
import { ensurePrivateDataDir } from './data-dir';

export interface DemoTls {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
  /**
   * base64 SHA-256 of each certificate's SubjectPublicKeyInfo (server, then CA): what Chromium's
   * `--ignore-certificate-errors-spki-list` takes, to trust exactly these keys in a browser.
   */
  spkiSha256: { server: string; ca: string };
}

function spkiSha256(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export class DemoTlsError extends Error {
  constructor(
    message: string,
    readonly dataDir: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DemoTlsError';
  }
}

const CA_CERT_FILE = 'demo-ca.crt.pem';
const CA_KEY_FILE = 'demo-ca.key.pem';
const SERVER_KEY_FILE = 'demo-server.key.pem';
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** id-ce-nameConstraints (RFC 5280 §4.2.1.10). */
export const NAME_CONSTRAINTS_OID = '2.5.29.30';

type X509Module = typeof X509;
let x509Module: Promise<X509Module> | undefined;

/**
 * @peculiar/x509 is loaded on first use, so reflect-metadata (imported above) has run by then whatever
 * order a bundler gives the top-level requires of external packages: its tsyringe dependency checks
 * for Reflect metadata as it loads. A run without the demo tenant never loads it.
 */
function loadX509(): Promise<X509Module> {
  x509Module ??= (
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
        Promise.resolve(require('@peculiar/x509') as X509Module)
      : import('@peculiar/x509')
  ).then((m) => {
    // The cast is needed where the DOM's Crypto is in scope (tsconfig.e2e.json), not under Node's types.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
    m.cryptoProvider.set(webcrypto as unknown as Parameters<typeof m.cryptoProvider.set>[1]);
    return m;
  });
  return x509Module;
}

function serialNumber(): string {
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f; // positive INTEGER, as RFC 5280 requires
  return b.toString('hex');
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, path);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** One DER TLV (lengths up to 64 KiB, plenty for these few names). */
function der(tag: number, content: Buffer): Buffer {
  const { length } = content;
  const lengthBytes = length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...lengthBytes]), content]);
}

/**
 * NameConstraints { permittedSubtrees [0] } with dNSName localhost (and its subdomains), iPAddress
 * 127.0.0.0/8 and ::1/128. @peculiar/x509 has no class for this extension, so it is encoded here.
 */
export function loopbackNameConstraintsDer(): Buffer {
  const SEQUENCE = 0x30;
  const DNS_NAME = 0x82; // [2] IMPLICIT IA5String
  const IP_ADDRESS = 0x87; // [7] IMPLICIT OCTET STRING: address then mask
  const ipv6Loopback = Buffer.alloc(16);
  ipv6Loopback[15] = 1;
  const subtrees = [
    der(DNS_NAME, Buffer.from('localhost', 'ascii')),
    der(IP_ADDRESS, Buffer.from([127, 0, 0, 0, 255, 0, 0, 0])),
    der(IP_ADDRESS, Buffer.concat([ipv6Loopback, Buffer.alloc(16, 0xff)])),
  ].map((base) => der(SEQUENCE, base));
  return der(SEQUENCE, der(0xa0, Buffer.concat(subtrees)));
}

interface Ca {
  certPem: string;
  cert: X509.X509Certificate;
  key: webcrypto.CryptoKey;
}

async function loadOrCreateCa(x509: X509Module, dataDir: string): Promise<Ca> {
  const certPath = join(dataDir, CA_CERT_FILE);
  const keyPath = join(dataDir, CA_KEY_FILE);
  const [certPem, keyPem] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (certPem && keyPem) {
    const cert = new x509.X509Certificate(certPem);
    // A CA close to expiry is replaced rather than served: clients would start failing mid-session.
    // So is one made before CAs were limited to loopback names.
    const constrained = cert.getExtension(NAME_CONSTRAINTS_OID)?.critical === true;
    if (constrained && cert.notAfter.getTime() - Date.now() > 30 * DAY) {
      const key = await webcrypto.subtle.importKey('pkcs8', fromPem(keyPem), EC, false, ['sign']);
      return { certPem, cert, key };
    }
  }
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: 'CN=Resetline Demo Tenant CA, O=Resetline demo',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension(NAME_CONSTRAINTS_OID, true, Uint8Array.from(loopbackNameConstraintsDer())),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pem = cert.toString('pem') + '\n';
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  // Key first: a reader that finds the cert will then always find its key.
  await writeAtomic(keyPath, toPem(pkcs8, 'PRIVATE KEY'), 0o600);
  await writeAtomic(certPath, pem, 0o644);
  return { certPem: pem, cert, key: keys.privateKey };
}

/**
 * The server key is kept too (its certificate is not): a browser told to trust this key with
 * Chromium's --ignore-certificate-errors-spki-list keeps trusting it across restarts.
 */
async function loadOrCreateServerKeys(dataDir: string): Promise<webcrypto.CryptoKeyPair> {
  const path = join(dataDir, SERVER_KEY_FILE);
  const pem = await readIfExists(path);
  if (pem) {
    const privateKey = await webcrypto.subtle.importKey('pkcs8', fromPem(pem), EC, true, ['sign']);
    // WebCrypto cannot derive a public key from a private one; go through the JWK without `d`.
    const { d: _d, ...pub } = await webcrypto.subtle.exportKey('jwk', privateKey);
    const publicKey = await webcrypto.subtle.importKey('jwk', { ...pub, key_ops: ['verify'] }, EC, true, ['verify']);
    return { privateKey, publicKey };
  }
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  await writeAtomic(path, toPem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), 0o600);
  return keys;
}

/** Loads (or creates) the CA in `dataDir` and issues a server certificate for the loopback names. */
export async function loadOrCreateTls(dataDir: string): Promise<DemoTls> {
  try {
    await ensurePrivateDataDir(dataDir);
    const x509 = await loadX509();
    const ca = await loadOrCreateCa(x509, dataDir);
    const keys = await loadOrCreateServerKeys(dataDir);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: 'CN=127.0.0.1',
      issuer: ca.cert.subject,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      publicKey: keys.publicKey,
      signingKey: ca.key,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '::1' },
          { type: 'dns', value: 'localhost' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    const serverCertPem = cert.toString('pem') + '\n';
    return {
      caCertPem: ca.certPem,
      caCertPath: join(dataDir, CA_CERT_FILE),
      serverCertPem,
      serverKeyPem: toPem(pkcs8, 'PRIVATE KEY'),
      spkiSha256: { server: spkiSha256(serverCertPem), ca: spkiSha256(ca.certPem) },
    };
  } catch (err) {
    throw new DemoTlsError(`Could not prepare the demo tenant's TLS material in ${dataDir}`, dataDir, { cause: err });
  }
}
