import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/lib/clock.ts';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import {
  APPELLANT,
  act,
  countReports,
  driveTo,
  errorOf,
  fieldPaths,
  fileReport,
  getReport,
  listedIds,
  loginStaff,
  must,
  postReport,
  type Staff,
  snapshot,
} from '../support/reports.ts';

describe('59-ФЗ appeals', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let other: Session;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    other = await newResident(t.app);
  });
  afterAll(() => t.close());

  it('needs an identified appellant and an address for the answer — every problem listed, nothing stored', async () => {
    const before = await countReports(t);
    const missing = await postReport(t, author, { kind: 'appeal', appellant: null, text: 'коротко' });
    expect(missing.statusCode).toBe(400);
    expect(fieldPaths(missing).sort()).toEqual(['appellant', 'text']);

    const noAddress = await postReport(t, author, {
      kind: 'appeal',
      appellant: { fullName: 'Петрова Анна' },
    });
    expect(fieldPaths(noAddress)).toEqual(['appellant.email']);

    const oneWord = await postReport(t, author, {
      kind: 'appeal',
      appellant: { fullName: 'Анна', email: 'not-an-email' },
    });
    expect(fieldPaths(oneWord).sort()).toEqual(['appellant.email', 'appellant.fullName']);

    const onReport = await postReport(t, author, { appellant: APPELLANT });
    expect(fieldPaths(onReport)).toEqual(['appellant']);
    const english = await postReport(
      t,
      author,
      { kind: 'appeal', appellant: null },
      { 'accept-language': 'en' },
    );
    expect(errorOf(english).details[0]!.message).toMatch(/appeal under 59-FZ/);
    expect(await countReports(t)).toBe(before);
  });

  it('is never public, and shows the appellant only to the author and the staff who handle it', async () => {
    const filed = await fileReport(t, author, {
      kind: 'appeal',
      isPublic: true,
      appellant: {
        fullName: 'Петрова Анна Владимировна',
        postalAddress: '191186, Санкт-Петербург, Невский пр., 1',
      },
    });
    expect(filed.isPublic).toBe(false);
    expect(filed.appellant).toEqual({
      fullName: 'Петрова Анна Владимировна',
      postalAddress: '191186, Санкт-Петербург, Невский пр., 1',
    });
    const assigned = await must(t, staff.moderator, filed.id, 'accept');
    expect(assigned.status).toBe('assigned');

    expect((await getReport(t, null, filed.id)).statusCode).toBe(404);
    expect((await getReport(t, other, filed.id)).statusCode).toBe(404);
    expect(await listedIds(t, null)).not.toContain(filed.id);
    const analyst = (await getReport(t, staff.analyst, filed.id)).json() as { appellant: unknown };
    expect(analyst.appellant).toBeNull();
    const operator = (await getReport(t, staff.opLight, filed.id)).json() as { appellant: unknown };
    expect(operator.appellant).toMatchObject({ fullName: 'Петрова Анна Владимировна' });
    const own = (await getReport(t, author, filed.id)).json() as { appellant: unknown };
    expect(own.appellant).toMatchObject({ fullName: 'Петрова Анна Владимировна' });
  });

  it('may be redirected within 7 days of registration only', async () => {
    const roads = await organisationId(t.app, 'roads-directorate');
    const uk = await organisationId(t.app, 'uk-nevskaya-zastava');
    const early = await driveTo(t, staff, author, 'assigned', { kind: 'appeal' });
    const moved = await must(t, staff.opLight, early.id, 'redirect', {
      organisationId: roads,
      reason: 'Вопрос в ведении дорожного комитета',
    });
    expect(moved.status).toBe('assigned');

    const late = await driveTo(t, staff, author, 'assigned', { kind: 'appeal' });
    // Seven days from 2 March end on 9 March, a public holiday: the window runs to the end of 10 March.
    t.clock.advance(9 * DAY_MS);
    const before = await snapshot(t, late.id);
    const refused = await act(t, staff.opLight, late.id, 'redirect', {
      organisationId: uk,
      reason: 'Вопрос в ведении управляющей компании',
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('appeal_redirect_window_closed');
    expect(await snapshot(t, late.id)).toEqual(before);
  });
});
