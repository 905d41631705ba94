import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretsKey, SecretBox, secretHint } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  it('seals so the stored form does not contain the secret, and opens it again', () => {
    const secret = 'whsec_0123456789abcdefghijklmnopqrstuv';
    const stored = box.seal(secret);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('0123456789');
    expect(box.open(stored)).toBe(secret);
    expect(secretHint(stored)).toBe('stuv');
    expect(box.seal(secret)).not.toBe(stored); // a fresh IV every time
  });

  it('refuses a tampered value or another key', () => {
    const stored = box.seal('a secret that matters');
    const tampered = `${stored.slice(0, -2)}AA`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(stored)).toThrow();
  });

  it('reads values stored before encryption as they are', () => {
    expect(box.open('legacy-plain-secret')).toBe('legacy-plain-secret');
    expect(secretHint('legacy-plain-secret')).toBe('cret');
  });

  it('takes a key as hex or base64, and nothing else', () => {
    const key = randomBytes(32);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(() => parseSecretsKey('short')).toThrow();
  });
});
