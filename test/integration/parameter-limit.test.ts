import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { LIGHT_TEXT, LIGHT_TEXT_ALIKE, spot } from '../support/duplicates.ts';
import { importRegistryPoints } from '../support/objects.ts';
import { driveTo, loginStaff, must, rows, type Staff } from '../support/reports.ts';
import { runsOn } from '../support/suite-engine.ts';

/**
 * Writes whose rows nobody bounds — the people told of news, a popular report's supporters — went
 * over PostgreSQL's 65,535 parameters a statement and failed whole; they are written a thousand rows
 * a statement now (src/db/slices.ts). Each check here fails with the old single statement.
 *
 * On PostgreSQL only: tens of thousands of rows were written 5–20 times slower by the embedded
 * database and the Citus cluster in CI (the merge below passed its time-out on PGlite), while the
 * limit and the code that keeps under it are the same on all three; src/db/slices.test.ts checks the
 * slicing itself everywhere.
 */
describe.runIf(
  runsOn(
    ['postgres'],
    'parameter-limit',
    'fills tens of thousands of rows, far slower on the embedded database and on Citus; the same limit and code everywhere (src/db/slices.test.ts checks the slicing on every engine)',
  ),
)('writes of more rows than one statement carries parameters for', () => {
  let t: TestApp;
  let staff: Staff;
  let anna: Session;
  let boris: Session;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    [anna, boris] = await Promise.all([newResident(t.app), newResident(t.app)]);
  });
  afterAll(() => t?.close());

  /** `count` new residents, each given to `place` (an INSERT … SELECT of their ids). */
  const crowd = (tag: string, count: number, place: (people: SQL) => SQL) =>
    rows(
      t,
      sql`WITH people AS (
              INSERT INTO users (email, password_hash, name)
              SELECT ${tag} || '-' || g || '@example.org', 'not-a-password-hash', 'Житель'
              FROM generate_series(1, ${count}) g RETURNING id)
            ${place(sql`people`)}`,
    );

  it('tells each of 9,000 followers of an object of every work a registry adds', async () => {
    // Their notifications are 72,000 parameters (eight a row), and the people look-up as many again
    // when each id is a parameter.
    const { 'Y-7': yardId } = await importRegistryPoints(t, staff.admin, [
      { id: 'Y-7', name: 'Двор дома 7', kind: 'yard' },
    ]);
    const followers = 9_000;
    await crowd(
      'yard',
      followers,
      (people) =>
        sql`INSERT INTO object_follows (object_id, user_id, created_at) SELECT ${yardId}::uuid, id, now() FROM ${people}`,
    );
    const works = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objects/import',
      headers: staff.admin.headers,
      payload: {
        mapping: {
          source: 'repair-programme',
          records: 'works',
          objectSource: 'city-registry',
          format: 'csv',
          csv: { delimiter: ';' },
          columns: { externalId: 'work_id', object: 'object_id', title: 'work', status: 'state' },
          statuses: { Запланировано: 'planned', Выполнено: 'completed' },
        },
        content: [
          'work_id;object_id;work;state',
          'C-1;Y-7;Освещение двора;Запланировано',
          'C-2;Y-7;Скамейки;Выполнено',
        ].join('\n'),
      },
    });
    expect(works.json()).toMatchObject({ created: 2, failed: 0 });
    const told = await rows<{ topic: string; n: number }>(
      t,
      sql`SELECT n.topic, count(*)::int AS n FROM notifications n
            JOIN object_works w ON w.id = n.subject_id
            WHERE w.object_id = ${yardId} GROUP BY n.topic ORDER BY n.topic`,
    );
    expect(told).toEqual([
      { topic: 'object_work_added', n: followers },
      { topic: 'object_work_completed', n: followers },
    ]);
  });

  it('moves and gives back the backing of a report 17,000 residents support', async () => {
    // Their follower rows are four parameters each: 68,000 in one statement.
    const at = spot(0);
    const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
    const duplicate = await driveTo(t, staff, boris, 'assigned', { ...at, text: LIGHT_TEXT_ALIKE });
    const supporters = 17_000;
    await crowd(
      'backer',
      supporters,
      (people) =>
        sql`INSERT INTO report_followers (report_id, user_id, reason, created_at)
            SELECT ${duplicate.id}::uuid, id, 'supporter', now() FROM ${people}`,
    );
    const followersOf = async (id: string) =>
      (
        await rows<{ n: number }>(
          t,
          sql`SELECT count(*)::int AS n FROM report_followers WHERE report_id = ${id}`,
        )
      )[0]!.n;
    const before = await followersOf(primary.id);
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    // The supporters and Boris, the duplicate's author.
    expect(await followersOf(primary.id)).toBe(before + supporters + 1);
    await must(t, staff.moderator, duplicate.id, 'unmerge', {});
    expect(await followersOf(primary.id)).toBe(before);
  });
});
