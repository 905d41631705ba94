import { describe, expect, it } from 'vitest';
import { SUBJECT_CODES } from './categories.ts';
import { CITY_CODE, DISTRICTS, TERRITORY_CODES } from './districts.ts';
import {
  curatorChoice,
  DISTRICT_ADMINISTRATIONS,
  findRoutingRule,
  isRoutingGap,
  MANAGEMENT_COMPANIES,
  ORGANISATIONS,
  organisationByCode,
  organisationCovers,
  ROUTING_GAPS,
  ROUTING_RULES,
} from './organisations.ts';

describe('demo organisations', () => {
  it('have unique codes and refer only to known territories and subjects', () => {
    expect(new Set(ORGANISATIONS.map((o) => o.code)).size).toBe(ORGANISATIONS.length);
    for (const org of ORGANISATIONS) {
      expect(org.code).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(org.territoryCodes.length, org.code).toBeGreaterThan(0);
      for (const t of org.territoryCodes) expect(TERRITORY_CODES, org.code).toContain(t);
      expect(org.categoryCodes.length, org.code).toBeGreaterThan(0);
      for (const c of org.categoryCodes) expect(SUBJECT_CODES, org.code).toContain(c);
      if (org.email) expect(org.email).toMatch(/@([a-z0-9-]+\.)*example\.org$/);
    }
  });

  it('has one administration per district and management companies of 2–3 districts', () => {
    expect(DISTRICT_ADMINISTRATIONS.map((o) => o.territoryCodes[0]).sort()).toEqual(
      DISTRICTS.map((d) => d.code).sort(),
    );
    expect(MANAGEMENT_COMPANIES.length).toBeGreaterThanOrEqual(5);
    for (const mc of MANAGEMENT_COMPANIES) {
      expect(mc.kind).toBe('management_company');
      expect(mc.territoryCodes.length).toBeGreaterThanOrEqual(2);
      expect(mc.territoryCodes.length).toBeLessThanOrEqual(3);
    }
    const kinds = new Set(ORGANISATIONS.map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['authority', 'hoa', 'institution', 'management_company', 'utility']);
  });
});

describe('demo routing rules', () => {
  it('route each subject and district to an organisation that covers both', () => {
    for (const rule of ROUTING_RULES) {
      const org = organisationByCode(rule.organisationCode);
      expect(organisationCovers(org, rule.territoryCode, rule.categoryCode), JSON.stringify(rule)).toBe(true);
      expect(rule.territoryCode).not.toBe(CITY_CODE);
    }
  });

  it('have at most one rule per subject and district', () => {
    const keys = ROUTING_RULES.map((r) => `${r.categoryCode}|${r.territoryCode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leave exactly the deliberate gaps for the curator, and nothing else', () => {
    const missing: string[] = [];
    for (const subject of SUBJECT_CODES) {
      for (const d of DISTRICTS) {
        const rule = findRoutingRule(subject, d.code);
        expect(rule === undefined, `${subject}|${d.code}`).toBe(isRoutingGap(subject, d.code));
        if (!rule) missing.push(`${subject}|${d.code}`);
      }
    }
    expect(ROUTING_RULES.some((r) => r.categoryCode === 'other-issue')).toBe(false);
    const partial = ROUTING_GAPS.filter((g) => g.territoryCodes !== 'all');
    expect(partial.length).toBeGreaterThanOrEqual(1);
    for (const gap of partial) {
      expect(
        ROUTING_RULES.some((r) => r.categoryCode === gap.categoryCode),
        gap.categoryCode,
      ).toBe(true);
    }
    expect(missing.length).toBeLessThan(40);
  });

  it('sends a report through the management company where the district has one', () => {
    expect(findRoutingRule('lift', 'nevsky')?.organisationCode).toBe('uk-nevskaya-zastava');
    expect(findRoutingRule('lift', 'kurortny')?.organisationCode).toBe('adm-kurortny');
    expect(findRoutingRule('street-light', 'nevsky')?.organisationCode).toBe('city-light');
  });

  it('lets the curator pick an organisation that covers the gap', () => {
    for (const gap of ROUTING_GAPS) {
      for (const d of DISTRICTS) {
        if (!isRoutingGap(gap.categoryCode, d.code)) continue;
        expect(organisationCovers(curatorChoice(gap.categoryCode, d.code), d.code, gap.categoryCode)).toBe(
          true,
        );
      }
    }
  });
});
