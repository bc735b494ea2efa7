// MSAL token cache persistence through an encryptor supplied from outside core (Electron's
// safeStorage in src/main/app). Without an encryptor the cache stays in memory: never plaintext on disk.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

export interface CacheEncryptor {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export class TokenCacheFile implements ICachePlugin {
  constructor(
    private readonly file: string,
    private readonly encryptor: CacheEncryptor,
  ) {}

  // MSAL awaits these hooks; the file work is synchronous.
  beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    this.load(context);
    return Promise.resolve();
  }

  afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (context.cacheHasChanged) this.save(context);
    return Promise.resolve();
  }

  private load(context: TokenCacheContext): void {
    if (!existsSync(this.file)) return;
    try {
      context.tokenCache.deserialize(this.encryptor.decrypt(readFileSync(this.file)));
    } catch {
      // A cache we cannot decrypt (another OS user, a reinstalled keychain) is worth nothing: drop it
      // and let the agent sign in again rather than fail every call.
      this.clear();
    }
  }

  private save(context: TokenCacheContext): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, this.encryptor.encrypt(context.tokenCache.serialize()), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
