import { describe, expect, it } from 'vitest';
import { readVerifiedAttributes } from './oidc-claims.ts';

describe('readVerifiedAttributes', () => {
  it('reads standard claims, userinfo overriding the ID token', () => {
    const a = readVerifiedAttributes(
      { sub: 'abc', email: 'Old@Example.org', email_verified: false },
      { sub: 'abc', email: 'Anna@Example.org', email_verified: true, name: '  Анна   Петрова ' },
    );
    expect(a).toEqual({
      subject: 'abc',
      email: 'anna@example.org',
      emailVerified: true,
      name: 'Анна Петрова',
      address: null,
    });
  });

  it('builds an ESIA-style name from its parts and an address from its fields', () => {
    const a = readVerifiedAttributes(
      { sub: 's' },
      {
        family_name: 'Иванов',
        given_name: 'Иван',
        middle_name: 'Иванович',
        address: {
          locality: 'Санкт-Петербург',
          district: 'Невский район',
          street_address: 'пр. Большевиков, 1',
        },
      },
    );
    expect(a.name).toBe('Иванов Иван Иванович');
    expect(a.address).toEqual({
      text: 'Санкт-Петербург, Невский район, пр. Большевиков, 1',
      district: 'Невский район',
      point: null,
    });
  });

  it('takes coordinates only when they are real numbers in range', () => {
    const ok = readVerifiedAttributes(
      { sub: 's' },
      { address: { formatted: 'x', latitude: '59.9', longitude: 30.3 } },
    );
    expect(ok.address?.point).toEqual({ lat: 59.9, lon: 30.3 });
    const bad = readVerifiedAttributes(
      { sub: 's' },
      { address: { formatted: 'x', latitude: 'NaN', longitude: 300 } },
    );
    expect(bad.address?.point).toBeNull();
  });

  it('counts an e-mail as verified only when the provider says exactly so', () => {
    for (const v of [undefined, 'yes', 1, false, 'false'])
      expect(
        readVerifiedAttributes({ sub: 's', email: 'a@b.c', email_verified: v }, null).emailVerified,
      ).toBe(false);
    expect(
      readVerifiedAttributes({ sub: 's', email: 'a@b.c', email_verified: 'true' }, null).emailVerified,
    ).toBe(true);
    expect(readVerifiedAttributes({ sub: 's', email_verified: true }, null).emailVerified).toBe(false);
  });
});
