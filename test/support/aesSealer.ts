// Real AES-256-GCM with a key in memory, standing in for Electron's safeStorage (which needs the
// Electron binary): the stores under test are ours, the sealer is the seam the app fills.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CacheEncryptor } from '../../src/main/core/auth/tokenCache';

export function aesSealer(key = randomBytes(32)): CacheEncryptor {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
