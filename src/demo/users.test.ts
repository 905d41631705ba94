import { describe, expect, it } from 'vitest';
import { TERRITORY_CODES } from './districts.ts';
import { ORGANISATIONS } from './organisations.ts';
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_RESIDENTS,
  DEMO_USERS,
  type DemoLoginRow,
  printDemoLogins,
} from './users.ts';

describe('demo users', () => {
  it('cover every role, with the scopes the roles need', () => {
    const roles = new Set(DEMO_USERS.map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'analyst', 'curator', 'moderator', 'operator', 'resident']);
    expect(DEMO_RESIDENTS).toHaveLength(3);
    const orgCodes = new Set(ORGANISATIONS.map((o) => o.code));
    for (const u of DEMO_USERS) {
      expect(u.email).toMatch(new RegExp(`^[a-z.]+@${DEMO_EMAIL_DOMAIN.replaceAll('.', '\\.')}$`));
      if (u.role === 'operator') expect(orgCodes.has(u.organisationCode ?? '')).toBe(true);
      if (u.role === 'curator') expect(TERRITORY_CODES).toContain(u.territoryCode);
      expect(u.password.length).toBeGreaterThanOrEqual(12);
    }
    expect(DEMO_USERS.filter((u) => u.role === 'curator').map((u) => u.territoryCode)).toContain('spb');
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_USERS.length);
  });

  it('prints one log-in row per user', () => {
    let printed: DemoLoginRow[] = [];
    printDemoLogins(DEMO_USERS, (rows) => {
      printed = rows;
    });
    expect(printed).toHaveLength(DEMO_USERS.length);
    expect(printed[0]).toMatchObject({ role: 'admin', email: `admin@${DEMO_EMAIL_DOMAIN}` });
  });
});
