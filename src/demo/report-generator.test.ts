import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUBJECT_CODES, subjectByCode } from './categories.ts';
import { geoFeatureByCode, loadDemoGeo } from './districts.ts';
import { pointInArea } from './geometry.ts';
import { findRoutingRule, organisationByCode, organisationCovers } from './organisations.ts';
import { createRng } from './prng.ts';
import {
  DEMO_REPORT_STATES,
  type DemoReportPlan,
  generateDemoReports,
  generateIntakeBodies,
} from './report-generator.ts';
import { allocateStates, statePath } from './report-timeline.ts';
import { DEMO_RESIDENTS } from './users.ts';

const NOW = new Date('2026-03-01T09:00:00Z');
const DAY = 86_400_000;
const plans: DemoReportPlan[] = generateDemoReports({ now: NOW });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generateDemoReports', () => {
  it('is deterministic: the same seed and now give the same plans', () => {
    const again = generateDemoReports({ now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(plans));
    const other = generateDemoReports({ now: NOW, seed: 12345 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(plans));
  });

  it('never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    expect(() => generateDemoReports({ now: NOW, count: 50, seed: 3 })).not.toThrow();
    expect(() => generateIntakeBodies(1000, 3)).not.toThrow();
    expect(spy).not.toHaveBeenCalled();
  });

  it('makes 300 plans by default with unique keys, oldest first', () => {
    expect(plans).toHaveLength(300);
    expect(new Set(plans.map((p) => p.key)).size).toBe(300);
    for (let i = 1; i < plans.length; i++) {
      expect(plans[i]?.createdAt.getTime()).toBeGreaterThanOrEqual(plans[i - 1]?.createdAt.getTime() ?? 0);
    }
  });

  it('covers every target state at least 3 times', () => {
    for (const state of DEMO_REPORT_STATES) {
      expect(plans.filter((p) => p.targetState === state).length, state).toBeGreaterThanOrEqual(3);
    }
    const small = allocateStates(DEMO_REPORT_STATES.length * 3, createRng(1));
    for (const state of DEMO_REPORT_STATES) expect(small.filter((s) => s === state)).toHaveLength(3);
  });

  it('puts every point inside its district', () => {
    const geo = loadDemoGeo();
    for (const p of plans) {
      const feature = geoFeatureByCode(p.districtCode, geo);
      expect(pointInArea(p.lon, p.lat, feature.geometry), `${p.key} ${p.lon},${p.lat}`).toBe(true);
      expect(p.districtName).toBe(feature.code === 'kronshtadtsky' ? 'Кронштадтский район' : feature.name);
    }
  });

  it('writes texts of 20–600 characters, varied, with plausible addresses', () => {
    const lengths = plans.map((p) => p.text.length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(600);
    expect(Math.max(...lengths)).toBeGreaterThan(300);
    expect(new Set(plans.map((p) => p.text)).size).toBeGreaterThan(250);
    for (const p of plans) {
      expect(p.text).not.toMatch(/[{}]/);
      expect(p.address).toMatch(/^Санкт-Петербург, .+, д\. \d+/);
      expect(SUBJECT_CODES).toContain(p.categoryCode);
      expect(subjectByCode(p.categoryCode).topicCode).toBe(p.topicCode);
    }
  });

  it('dates everything within the last 90 days, step by step up to the target state', () => {
    for (const p of plans) {
      expect(p.createdAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY);
      expect(p.steps[0]?.at).toEqual(p.createdAt);
      expect(p.steps[0]?.state).toBe('submitted');
      expect(p.steps.at(-1)?.state).toBe(p.targetState);
      for (let i = 1; i < p.steps.length; i++) {
        expect(p.steps[i]?.at.getTime(), p.key).toBeGreaterThan(p.steps[i - 1]?.at.getTime() ?? 0);
      }
      expect(p.steps.at(-1)?.at.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(statePath('reopened', true)).toEqual([
      'submitted',
      'clarification_requested',
      'submitted',
      'accepted',
      'assigned',
      'in_progress',
      'answer_drafted',
      'answer_review',
      'answered',
      'disputed',
      'reopened',
    ]);
  });

  it('fills in what each state needs, and nothing it should not have', () => {
    const residents = new Set(DEMO_RESIDENTS.map((r) => r.email));
    const answered = new Set([
      'answer_drafted',
      'answer_review',
      'answered',
      'resolved',
      'disputed',
      'reopened',
      'closed',
    ]);
    for (const p of plans) {
      expect(residents.has(p.authorEmail)).toBe(true);
      expect(p.answer !== undefined, `${p.key} ${p.targetState}`).toBe(answered.has(p.targetState));
      expect(p.rejectReason !== undefined).toBe(p.targetState === 'rejected');
      expect(p.disputeComment !== undefined).toBe(
        p.targetState === 'disputed' || p.targetState === 'reopened',
      );
      if (p.targetState === 'clarification_requested') {
        expect(p.clarificationQuestion).toBeDefined();
        expect(p.clarificationAnswer).toBeUndefined();
      }
      if (p.clarificationAnswer) expect(p.steps.map((s) => s.state)).toContain('clarification_requested');
      if (p.answer?.result === 'planned') expect(p.answer.plannedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (p.answer?.result === 'rejected') expect(p.answer.legalReason).toBeTruthy();
      if (p.answer) expect(p.answer.text).not.toMatch(/[{}]/);
      if (p.rating) expect([1, 2, 3, 4, 5]).toContain(p.rating.score);
    }
    const share = plans.filter((p) => p.isPublic).length / plans.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(1);
  });

  it('assigns from "assigned" on to an organisation that covers the subject and district', () => {
    const assigned = new Set([
      'assigned',
      'in_progress',
      'answer_drafted',
      'answer_review',
      'answered',
      'resolved',
      'disputed',
      'reopened',
      'closed',
    ]);
    for (const p of plans) {
      if (!assigned.has(p.targetState)) {
        expect(p.organisationCode).toBeUndefined();
        continue;
      }
      const org = organisationByCode(p.organisationCode ?? '');
      expect(organisationCovers(org, p.districtCode, p.categoryCode), p.key).toBe(true);
      const rule = findRoutingRule(p.categoryCode, p.districtCode);
      expect(p.routedBy).toBe(rule ? 'rule' : 'curator');
      if (rule) expect(p.organisationCode).toBe(rule.organisationCode);
    }
    // Reports waiting in 'accepted' are mostly the ones no rule routes: the curator's queue.
    const waiting = plans.filter((p) => p.targetState === 'accepted');
    expect(waiting.some((p) => !findRoutingRule(p.categoryCode, p.districtCode))).toBe(true);
  });
});

describe('generateIntakeBodies', () => {
  it('is deterministic and realistic', () => {
    const a = generateIntakeBodies(2000, 7);
    expect(generateIntakeBodies(2000, 7)).toEqual(a);
    expect(generateIntakeBodies(2000, 8)).not.toEqual(a);
    const geo = loadDemoGeo();
    for (const body of a.slice(0, 300)) {
      expect(SUBJECT_CODES).toContain(body.categoryCode);
      expect(body.text.length).toBeGreaterThanOrEqual(20);
      expect(body.text.length).toBeLessThanOrEqual(600);
      expect(body.text).not.toMatch(/[{}]/);
      expect(body.text.includes('\u0000')).toBe(false);
      expect(geo.districts.some((f) => pointInArea(body.lon, body.lat, f.geometry))).toBe(true);
    }
  });

  it('makes 100k bodies in well under a second of CPU time', () => {
    generateIntakeBodies(1000, 1); // builds the shared pools
    const before = process.cpuUsage();
    const bodies = generateIntakeBodies(100_000, 2);
    const used = process.cpuUsage(before);
    expect(bodies).toHaveLength(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
