import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newResident, type Session, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';
import { dispatch, myNotifications } from '../support/notifications.ts';
import { apiError, call, hours, verifiedResident } from '../support/participation.ts';
import { loginStaff, rows, type Staff, territories } from '../support/reports.ts';

type Item = {
  id: string;
  title: string;
  status: string;
  rejectReason: string | null;
  mergedIntoId: string | null;
};
type VoteJson = {
  id: string;
  stage: string;
  items: Item[];
  myChoice: string[] | null;
  allowedActions: string[];
};

const HOUR = 3_600_000;

describe('rating votes', () => {
  let t: TestApp;
  let staff: Staff;
  let mailbox: Mailbox;
  let nevsky: string;
  let central: string;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox());
    staff = await loginStaff(t);
    const map = await territories(t);
    nevsky = map.get('nevsky')!.id;
    central = map.get('tsentralny')!.id;
  });
  afterAll(() => t.close());

  /** Proposals for the next hour, review for an hour, voting for three hours after that. */
  async function createVote(over: Record<string, unknown> = {}): Promise<VoteJson> {
    const res = await call(t, 'POST', '/api/v1/votes', staff.admin, {
      title: 'Ремонт дорог 2026',
      description: 'Выберите участки дорог для ремонта.',
      proposals: { opensAt: hours(t, -1), closesAt: hours(t, 1) },
      voting: { opensAt: hours(t, 2), closesAt: hours(t, 5) },
      maxChoices: 2,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as VoteJson;
  }

  const item = (title: string) => ({
    title,
    description: 'Ямы по всей длине участка.',
    geometry: {
      type: 'LineString',
      coordinates: [
        [30.45, 59.9],
        [30.46, 59.91],
      ],
    },
  });

  async function addItem(voteId: string, who: Session, title: string): Promise<Item> {
    const res = await call(t, 'POST', `/api/v1/votes/${voteId}/items`, who, item(title));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Item;
  }

  const moderate = (voteId: string, itemId: string, body: object, who: Session = staff.admin) =>
    call(t, 'POST', `/api/v1/votes/${voteId}/items/${itemId}/actions/moderate`, who, body);
  const ballot = (voteId: string, who: Session, itemIds: string[]) =>
    call(t, 'PUT', `/api/v1/votes/${voteId}/ballot`, who, { itemIds });
  const getVote = async (voteId: string, who: Session | null) =>
    (await call(t, 'GET', `/api/v1/votes/${voteId}`, who)).json() as VoteJson;

  it('stage one: residents propose, staff add items, proposals are moderated', async () => {
    const vote = await createVote();
    const author = await newResident(t.app);
    const other = await newResident(t.app);
    const a = await addItem(vote.id, author, 'Улица Бабушкина');
    expect(a.status).toBe('pending');
    const b = await addItem(vote.id, author, 'Проспект Обуховской Обороны');
    const c = await addItem(vote.id, author, 'Ул. Бабушкина, 1–20');
    const staffItem = await addItem(vote.id, staff.admin, 'Ивановская улица');
    expect(staffItem.status).toBe('approved');
    // Pending proposals are seen by staff and their author, not by other residents.
    expect((await getVote(vote.id, other)).items.map((i) => i.id)).toEqual([staffItem.id]);
    expect((await getVote(vote.id, author)).items).toHaveLength(4);

    expect((await moderate(vote.id, a.id, { decision: 'approve' }, other)).statusCode).toBe(403);
    expect((await moderate(vote.id, a.id, { decision: 'approve' })).json()).toMatchObject({
      status: 'approved',
    });
    const noReason = await moderate(vote.id, b.id, { decision: 'reject' });
    expect(apiError(noReason).details.map((d) => d.path)).toContain('reason');
    const rejected = await moderate(vote.id, b.id, { decision: 'reject', reason: 'Участок уже в программе' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'Участок уже в программе' });
    const merged = await moderate(vote.id, c.id, { decision: 'merge', mergeInto: a.id });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    expect(apiError(await moderate(vote.id, b.id, { decision: 'approve' })).code).toBe(
      'item_already_moderated',
    );
    const intoRejected = await moderate(vote.id, staffItem.id, { decision: 'merge', mergeInto: b.id });
    expect(apiError(intoRejected).code).toBe('unknown_option');

    // After the proposal stage residents can no longer propose.
    t.clock.advance(1.5 * HOUR);
    expect(
      apiError(await call(t, 'POST', `/api/v1/votes/${vote.id}/items`, author, item('Поздно'))).code,
    ).toBe('proposals_not_open');
    t.clock.advance(-1.5 * HOUR);
  });

  it('stage two: up to N approved items, changed until closing; refusals list their problems', async () => {
    const vote = await createVote();
    const items = await Promise.all(
      ['Участок 1', 'Участок 2', 'Участок 3'].map((x) => addItem(vote.id, staff.admin, x)),
    );
    const proposal = await addItem(vote.id, await newResident(t.app), 'Не рассмотрено');
    const resident = await newResident(t.app);
    const [i1, i2, i3] = items.map((i) => i.id) as [string, string, string];

    expect(apiError(await ballot(vote.id, resident, [i1])).code).toBe('poll_not_open');
    t.clock.advance(2.5 * HOUR);
    expect(apiError(await moderate(vote.id, proposal.id, { decision: 'approve' })).code).toBe(
      'voting_started',
    );

    const tooMany = await ballot(vote.id, resident, [i1, i2, i3]);
    expect(tooMany.statusCode).toBe(422);
    expect(apiError(tooMany).code).toBe('too_many_choices');
    // Too many and an unknown one at once: both problems are listed.
    const both = await ballot(vote.id, resident, [i1, proposal.id, i3]);
    expect(apiError(both).code).toBe('too_many_choices');
    expect(apiError(both).details.map((d) => [d.path, d.code])).toEqual([
      ['itemIds', 'too_many_choices'],
      ['itemIds.1', 'unknown_option'],
    ]);
    const unknown = await ballot(vote.id, resident, [i1, proposal.id]);
    expect(apiError(unknown).code).toBe('unknown_option');
    expect(apiError(unknown).details.map((d) => d.path)).toEqual(['itemIds.1']);
    const twice = await ballot(vote.id, resident, [i1, i1]);
    expect(apiError(twice).code).toBe('validation_failed');
    const [none] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM vote_ballots WHERE vote_id = ${vote.id}`,
    );
    expect(none!.n).toBe(0);

    expect((await ballot(vote.id, resident, [i1, i2])).json()).toEqual({ created: true, itemIds: [i1, i2] });
    expect((await ballot(vote.id, resident, [i3])).json()).toEqual({ created: false, itemIds: [i3] });
    expect((await getVote(vote.id, resident)).myChoice).toEqual([i3]);

    t.clock.advance(3 * HOUR);
    expect(apiError(await ballot(vote.id, resident, [i1])).code).toBe('poll_closed');
    t.clock.advance(-5.5 * HOUR);
  });

  it('audience: by territory and by verification', async () => {
    const vote = await createVote({ audience: { territoryIds: [nevsky], verifiedOnly: true } });
    const only = await addItem(vote.id, staff.admin, 'Дворы Невского района');
    t.clock.advance(2.5 * HOUR);
    expect(apiError(await ballot(vote.id, await newResident(t.app), [only.id])).code).toBe(
      'verification_required',
    );
    expect(apiError(await ballot(vote.id, await verifiedResident(t, central), [only.id])).code).toBe(
      'not_in_audience',
    );
    expect((await ballot(vote.id, await verifiedResident(t, nevsky), [only.id])).statusCode).toBe(200);
    t.clock.advance(-2.5 * HOUR);
  });

  it('ranks the results, publishes the winners and tells the voters in-app and by e-mail', async () => {
    const vote = await createVote({ resultsVisibility: 'after_close', maxChoices: 2 });
    const [a, b, c] = await Promise.all(
      ['А-участок', 'Б-участок', 'В-участок'].map((x) => addItem(vote.id, staff.admin, x)),
    );
    t.clock.advance(2.5 * HOUR);
    const voters = await Promise.all([1, 2, 3].map(() => newResident(t.app)));
    await ballot(vote.id, voters[0]!, [a!.id, b!.id]);
    await ballot(vote.id, voters[1]!, [b!.id]);
    await ballot(vote.id, voters[2]!, [a!.id, c!.id]);
    const bystander = await newResident(t.app);
    expect(apiError(await call(t, 'GET', `/api/v1/votes/${vote.id}/results`, bystander)).code).toBe(
      'results_not_public',
    );
    const winners = {
      itemIds: [a!.id, b!.id],
      decision: 'Участки А и Б включены в программу ремонта 2026 года.',
    };
    const early = await call(
      t,
      'POST',
      `/api/v1/votes/${vote.id}/actions/publish-winners`,
      staff.admin,
      winners,
    );
    expect(apiError(early).code).toBe('voting_not_closed');

    t.clock.advance(3 * HOUR);
    const results = (await call(t, 'GET', `/api/v1/votes/${vote.id}/results`, bystander)).json();
    expect(results).toEqual({
      ballots: 3,
      items: [
        { itemId: a!.id, title: 'А-участок', count: 2, rank: 1 },
        { itemId: b!.id, title: 'Б-участок', count: 2, rank: 1 },
        { itemId: c!.id, title: 'В-участок', count: 1, rank: 3 },
      ],
    });
    const published = await call(
      t,
      'POST',
      `/api/v1/votes/${vote.id}/actions/publish-winners`,
      staff.admin,
      winners,
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ winners: { itemIds: [a!.id, b!.id] } });
    expect(
      apiError(
        await call(t, 'POST', `/api/v1/votes/${vote.id}/actions/publish-winners`, staff.admin, winners),
      ).code,
    ).toBe('winners_already_published');

    const inApp = await myNotifications(t, voters[1]!);
    expect(inApp.items[0]).toMatchObject({
      type: 'vote_winners',
      report: null,
      link: `/participation/votes/${vote.id}`,
      message: 'Объявлены итоги голосования «Ремонт дорог 2026»',
    });
    expect((await myNotifications(t, bystander)).items).toHaveLength(0);
    const before = mailbox.received.length;
    await dispatch(t);
    const mails = mailbox.received.slice(before);
    expect(mails).toHaveLength(3);
    expect(mails[0]!.text).toContain(`https://vmeste.example/participation/votes/${vote.id}`);
    t.clock.advance(-5.5 * HOUR);
  });
});
