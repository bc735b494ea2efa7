// The per-install key that signs audit checkpoints, and the signer built from it. The key lives in a
// file in the data folder, never in the database: sealed by the OS keychain (Electron's safeStorage)
// when a sealer is given, otherwise (browser host) readable by this OS user only (mode 0600).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Seals the key file's content; the same shape as the token cache's CacheEncryptor. */
export interface KeySealer {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export const AUDIT_KEY_FILE = 'audit-key.bin';

const PREFIX = 'resetline-audit-key-v1:';
const KEY_BYTES = 32;

export type AuditKeyLoad =
  { state: 'ready'; signer: CheckpointSigner; created: boolean } | { state: 'key-missing' | 'key-unreadable' };

/** Signs and checks checkpoint messages with HMAC-SHA256. The key never leaves this object. */
export class CheckpointSigner {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`audit key must be ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  sign(message: string): Buffer {
    return createHmac('sha256', this.#key).update(message, 'utf8').digest();
  }

  verify(message: string, signature: Buffer): boolean {
    return signature.length === KEY_BYTES && timingSafeEqual(this.sign(message), signature);
  }
}

export class AuditKey {
  constructor(
    readonly file: string,
    private readonly sealer?: KeySealer,
  ) {}

  /**
   * The signer, from the key file. When the file is missing a new key is made only if `mayCreate`
   * (nothing was ever signed): replacing a lost key would silently drop the old checkpoints' protection.
   * Never throws for a missing or damaged file: it says which.
   */
  load(mayCreate: boolean): AuditKeyLoad {
    if (!existsSync(this.file)) {
      if (!mayCreate) return { state: 'key-missing' };
      const key = randomBytes(KEY_BYTES);
      try {
        this.write(key);
      } catch {
        // A read-only or full data folder: the trail still works, unsigned, and verify says so.
        return { state: 'key-missing' };
      }
      return { state: 'ready', signer: new CheckpointSigner(key), created: true };
    }
    const key = this.read();
    return key ? { state: 'ready', signer: new CheckpointSigner(key), created: false } : { state: 'key-unreadable' };
  }

  private read(): Buffer | null {
    try {
      const raw = readFileSync(this.file);
      const text = this.sealer ? this.sealer.decrypt(raw) : raw.toString('utf8');
      if (!text.startsWith(PREFIX)) return null;
      const key = Buffer.from(text.slice(PREFIX.length), 'base64');
      return key.length === KEY_BYTES ? key : null;
    } catch {
      // Another OS user's keychain, a reinstalled one, a truncated file: all the same to the caller.
      return null;
    }
  }

  private write(key: Buffer): void {
    const text = `${PREFIX}${key.toString('base64')}`;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, this.sealer ? this.sealer.encrypt(text) : text, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
