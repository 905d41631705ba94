import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildStaleOpinionMaps } from '../../src/modules/discussions/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { type DiscussionJson, get, openDiscussion, post, put } from '../support/discussions.ts';
import { countAudit, errorOf, loginStaff, rows, type Staff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

type StatementJson = { id: string; status: string; text: string };
type MapJson = {
  participants: number;
  computedAt: string | null;
  groups: {
    id: number;
    size: number;
    representative: { statementId: string; agree: number; disagree: number }[];
  }[];
  consensus: { statementId: string; agree: number }[];
  points: { x: number; y: number; group: number }[];
};

describe('opinion map: statements, moderation, votes, groups', () => {
  let t: TestApp;
  let staff: Staff;
  let anna: Session;
  let discussion: DiscussionJson;
  const statements: StatementJson[] = [];

  const voteOn = (who: Session, id: string, vote: string) =>
    put(t, who, `/api/v1/statements/${id}/vote`, { vote });
  const voteRows = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM opinion_votes`))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    anna = await newResident(t.app);
    discussion = await openDiscussion(t, staff.admin, { opinionMap: true, minParticipants: 15 });
    // Staff seed eleven statements (approved at once): 0–4 one camp's, 5–9 the other's, 10 shared.
    for (let i = 0; i < 11; i++) {
      const res = await post(t, staff.admin, `/api/v1/discussions/${discussion.id}/statements`, {
        text: i === 10 ? 'Набережной нужно освещение' : `Утверждение номер ${i}`,
      });
      statements.push(res.json() as StatementJson);
    }
  });
  afterAll(() => t.close());

  it('refuses a statement over 280 characters and stores nothing', async () => {
    const before = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM opinion_statements`);
    const res = await post(t, anna, `/api/v1/discussions/${discussion.id}/statements`, {
      text: 'а'.repeat(281),
    });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('statement_too_long');
    const after = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM opinion_statements`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(
      (await post(t, anna, `/api/v1/discussions/${discussion.id}/statements`, { text: 'б'.repeat(280) }))
        .statusCode,
    ).toBe(201);
  });

  it('shows a resident’s statement to others only after a moderator approves it', async () => {
    const res = await post(t, anna, `/api/v1/discussions/${discussion.id}/statements`, {
      text: 'Нужны велодорожки вдоль воды',
    });
    const s = res.json() as StatementJson;
    expect(s.status).toBe('pending');
    const publicList = (await get(t, null, `/api/v1/discussions/${discussion.id}/statements`)).json() as {
      items: StatementJson[];
    };
    expect(publicList.items.map((x) => x.id)).not.toContain(s.id);
    expect(
      (await get(t, anna, `/api/v1/discussions/${discussion.id}/statements?status=pending`)).statusCode,
    ).toBe(403);
    const before = await voteRows();
    expect(errorOf(await voteOn(anna, s.id, 'agree')).code).toBe('statement_not_approved');
    expect(await voteRows()).toBe(before);
    const pending = (
      await get(t, staff.moderator, `/api/v1/discussions/${discussion.id}/statements?status=pending`)
    ).json() as {
      items: StatementJson[];
    };
    expect(pending.items.map((x) => x.id)).toContain(s.id);
    const approved = await post(t, staff.moderator, `/api/v1/statements/${s.id}/moderation`, {
      decision: 'approve',
    });
    expect((approved.json() as StatementJson).status).toBe('approved');
    expect(await countAudit(t, 'statement.approve', s.id)).toBe(1);
    expect(
      errorOf(await post(t, staff.moderator, `/api/v1/statements/${s.id}/moderation`, { decision: 'reject' }))
        .code,
    ).toBe('statement_already_moderated');
    // Kept out of the constructed matrix below.
    await rows(t, sql`UPDATE opinion_statements SET status = 'rejected' WHERE id = ${s.id}`);
  });

  it('keeps one vote per participant and statement (a new vote replaces it)', async () => {
    const s = statements[0]!;
    expect((await voteOn(anna, s.id, 'agree')).json()).toEqual({ statementId: s.id, vote: 'agree' });
    await voteOn(anna, s.id, 'disagree');
    const stored = await rows<{ vote: number }>(
      t,
      sql`SELECT vote FROM opinion_votes WHERE statement_id = ${s.id} AND user_id = ${anna.userId}`,
    );
    expect(stored).toEqual([{ vote: -1 }]);
    expect(errorOf(await voteOn(anna, s.id, 'maybe')).code).toBe('validation_failed');
    await rows(t, sql`DELETE FROM opinion_votes WHERE user_id = ${anna.userId}`);
  });

  it('offers the statements one at a time until none is left', async () => {
    const voter = await newResident(t.app);
    const seen = new Set<string>();
    for (;;) {
      const next = (await get(t, voter, `/api/v1/discussions/${discussion.id}/statements/next`)).json() as {
        statement: StatementJson | null;
        remaining: number;
      };
      if (!next.statement) break;
      expect(seen.has(next.statement.id)).toBe(false);
      seen.add(next.statement.id);
      await voteOn(voter, next.statement.id, 'pass');
    }
    expect(seen.size).toBe(11);
    await rows(t, sql`DELETE FROM opinion_votes WHERE user_id = ${voter.userId}`);
  });

  it(
    'shows no groups below the minimum, then both groups and the consensus from the job',
    async () => {
      const camp = async (n: number, side: 1 | -1) => {
        for (let p = 0; p < n; p++) {
          const who = await newResident(t.app);
          for (let s = 0; s < 11; s++) {
            const agree = s === 10 || (s < 5 ? side === 1 : side === -1);
            await voteOn(who, statements[s]!.id, agree ? 'agree' : 'disagree');
          }
        }
      };
      await camp(5, 1);
      await camp(5, -1);
      expect(await rebuildStaleOpinionMaps({ db: t.database.db, clock: t.clock, inWorker: true })).toBe(1);
      let map = (await get(t, null, `/api/v1/discussions/${discussion.id}/opinion-map`)).json() as MapJson;
      expect(map.participants).toBe(10);
      expect(map.computedAt).not.toBeNull();
      expect(map.groups).toEqual([]);
      expect(map.consensus).toEqual([]);

      await camp(5, 1);
      await camp(5, -1);
      // Within the minute after the last computation the job waits; then it rebuilds.
      expect(await rebuildStaleOpinionMaps({ db: t.database.db, clock: t.clock, inWorker: false })).toBe(0);
      t.clock.advance(61_000);
      expect(await rebuildStaleOpinionMaps({ db: t.database.db, clock: t.clock, inWorker: false })).toBe(1);
      expect(await rebuildStaleOpinionMaps({ db: t.database.db, clock: t.clock, inWorker: false })).toBe(0);
      map = (await get(t, null, `/api/v1/discussions/${discussion.id}/opinion-map`)).json() as MapJson;
      expect(map.participants).toBe(20);
      expect(map.groups.map((g) => g.size)).toEqual([10, 10]);
      // Camp A agrees with statements 0–4 and rejects 5–9; its group's representative statements say so.
      const aSide = new Set(statements.slice(0, 5).map((s) => s.id));
      const campOf = (g: MapJson['groups'][number]) => {
        expect(g.representative.length).toBeGreaterThan(0);
        const a = g.representative.every((r) =>
          aSide.has(r.statementId) ? r.agree === 1 : r.disagree === 1,
        );
        const b = g.representative.every((r) =>
          aSide.has(r.statementId) ? r.disagree === 1 : r.agree === 1,
        );
        return a ? 'A' : b ? 'B' : 'mixed';
      };
      expect(new Set(map.groups.map(campOf))).toEqual(new Set(['A', 'B']));
      expect(map.consensus.map((c) => c.statementId)).toEqual([statements[10]!.id]);
      expect(map.points).toHaveLength(20);
    },
    scaled(120_000),
  );

  it('exports the statements and the matrix as CSV for staff only', async () => {
    expect(
      (await get(t, anna, `/api/v1/discussions/${discussion.id}/opinion-map/matrix.csv`)).statusCode,
    ).toBe(403);
    const matrix = await get(t, staff.admin, `/api/v1/discussions/${discussion.id}/opinion-map/matrix.csv`);
    expect(matrix.headers['content-type']).toContain('text/csv');
    const lines = matrix.body.trim().split('\n');
    expect(lines[0]!.split(',')).toHaveLength(12);
    expect(lines).toHaveLength(21);
    expect(lines[1]).toMatch(/^p1,/);
    const list = await get(t, staff.admin, `/api/v1/discussions/${discussion.id}/opinion-map/statements.csv`);
    expect(list.body).toContain(`${statements[10]!.id},Набережной нужно освещение,20,0,0`);
  });

  it('refuses statements and votes where the discussion has no opinion map or is closed', async () => {
    const plain = await openDiscussion(t, staff.admin);
    const res = await post(t, anna, `/api/v1/discussions/${plain.id}/statements`, { text: 'Утверждение' });
    expect(errorOf(res).code).toBe('opinion_map_disabled');
    await post(t, staff.admin, `/api/v1/discussions/${discussion.id}/close`, {});
    expect(errorOf(await voteOn(anna, statements[1]!.id, 'agree')).code).toBe('discussion_closed');
  });
});
