import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Secrets the platform must keep in a usable form (webhook HMAC secrets) are stored encrypted with
 * AES-256-GCM under a key from the environment, so a database dump or backup alone does not give
 * them away. Stored form: `enc:v1:<hint>:<iv>:<tag>:<ciphertext>` (base64url); the hint is the last
 * four characters, which admins see to tell secrets apart. Values without the prefix (written before
 * encryption) are read as they are and sealed at their next rotation.
 */
const PREFIX = 'enc:v1:';

export class SecretBox {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
    this.#key = key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return `${PREFIX}${Buffer.from(plain.slice(-4)).toString('base64url')}:${parts.join(':')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [, iv = '', tag = '', data = ''] = stored.slice(PREFIX.length).split(':');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The last four characters of a secret, sealed or not, without the key. */
export function secretHint(stored: string): string {
  if (!isSealed(stored)) return stored.slice(-4);
  const hint = stored.slice(PREFIX.length).split(':')[0] ?? '';
  return Buffer.from(hint, 'base64url').toString('utf8');
}

/** SECRETS_KEY as 64 hex digits or base64 of 32 bytes. */
export function parseSecretsKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes: 64 hex digits or base64');
  return key;
}

/**
 * The key from SECRETS_KEY; without it, one generated on first start and kept in the data directory
 * (readable by the service's user only). Several nodes must share SECRETS_KEY.
 */
export function loadSecretsKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseSecretsKey(configured);
  const file = path.join(dataDir, 'secrets.key');
  if (existsSync(file)) return parseSecretsKey(readFileSync(file, 'utf8').trim());
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
