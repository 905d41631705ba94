import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/jobs/housekeeping.job.ts';
import { DAY_MS } from '../../src/lib/clock.ts';
import { listOrphans } from '../../src/modules/media/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { upload } from '../support/media.ts';
import { apiError, call, hours } from '../support/participation.ts';
import { loginStaff, rows, type Staff } from '../support/reports.ts';

/**
 * Poll images and proposal photos are uploads like any other: the housekeeping job must keep them
 * (they are attached), still remove uploads nobody attached, and the people who may see the poll or
 * the item may see its pictures.
 */
describe('participation media: attached images and photos', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  const housekeeping = () =>
    runHousekeeping({ db: t.app.ctx.db, clock: t.clock, storage: t.app.ctx.storage });
  const exists = async (id: string) =>
    (await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM media WHERE id = ${id}`))[0]!.n === 1;
  const fetchMedia = (who: Session | null, id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/media/${id}/thumb`, headers: who ? who.headers : {} });

  const pollBody = (imageId: string | null) => ({
    title: 'Сквер у школы',
    description: 'Что посадить в сквере?',
    imageId,
    opensAt: hours(t, -1),
    closesAt: hours(t, 24 * 30),
    questions: [{ kind: 'single', text: 'Что сажать?', options: [{ text: 'Липы' }, { text: 'Клёны' }] }],
  });

  it('keeps a poll image and proposal photos, deletes the upload nobody attached, and shows them to whoever sees the poll or item', async () => {
    const image = await upload(t, staff.admin);
    const replaced = await upload(t, staff.admin);
    const poll = await call(t, 'POST', '/api/v1/polls', staff.admin, pollBody(replaced.id));
    expect(poll.statusCode, poll.body).toBe(201);
    const pollId = (poll.json() as { id: string }).id;
    // The organiser changes the picture: the first one is no longer used by anything.
    const changed = await call(t, 'PUT', `/api/v1/polls/${pollId}`, staff.admin, pollBody(image.id));
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ imageId: image.id, imageUrl: image.url });

    const vote = await call(t, 'POST', '/api/v1/votes', staff.admin, {
      title: 'Ремонт дворов',
      proposals: { opensAt: hours(t, -1), closesAt: hours(t, 24 * 10) },
      voting: { opensAt: hours(t, 24 * 11), closesAt: hours(t, 24 * 20) },
      maxChoices: 2,
    });
    const voteId = (vote.json() as { id: string }).id;
    const author = await newResident(t.app);
    const neighbour = await newResident(t.app);
    const photo = await upload(t, author);
    const abandoned = await upload(t, author);
    const proposed = await call(t, 'POST', `/api/v1/votes/${voteId}/items`, author, {
      title: 'Двор на Литейном',
      photoIds: [photo.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const itemId = (proposed.json() as { id: string }).id;

    // A draft's picture is its organisers'; a pending proposal's photos its author's and staff's.
    expect((await fetchMedia(neighbour, image.id)).statusCode).toBe(404);
    expect((await fetchMedia(staff.curator, image.id)).statusCode).toBe(200);
    expect((await fetchMedia(neighbour, photo.id)).statusCode).toBe(404);
    expect((await fetchMedia(author, photo.id)).statusCode).toBe(200);
    expect((await fetchMedia(staff.admin, photo.id)).statusCode).toBe(200);

    t.clock.advance(2 * DAY_MS);
    // Attached files are not even candidates (else they would crowd out real orphans forever).
    const candidates = (await listOrphans(t.app.ctx.db, t.clock.now(), 10_000)).map((m) => m.id);
    expect(candidates).toEqual(expect.arrayContaining([abandoned.id, replaced.id]));
    expect(candidates).not.toContain(image.id);
    expect(candidates).not.toContain(photo.id);
    const swept = await housekeeping();
    expect(await exists(abandoned.id)).toBe(false);
    expect(await exists(replaced.id)).toBe(false);
    expect(swept.orphanMedia).toBe(2);
    expect(await exists(image.id)).toBe(true);
    expect(await exists(photo.id)).toBe(true);
    expect((await housekeeping()).orphanMedia).toBe(0);

    // Published poll and approved item: everyone sees the pictures.
    expect((await call(t, 'POST', `/api/v1/polls/${pollId}/actions/publish`, staff.admin)).statusCode).toBe(
      200,
    );
    const approved = await call(
      t,
      'POST',
      `/api/v1/votes/${voteId}/items/${itemId}/actions/moderate`,
      staff.admin,
      { decision: 'approve' },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await fetchMedia(null, image.id)).statusCode).toBe(200);
    expect((await fetchMedia(neighbour, photo.id)).statusCode).toBe(200);
    t.clock.advance(-2 * DAY_MS);
  });

  it('refuses a poll image or a proposal photo that is not the caller’s own upload', async () => {
    const resident = await newResident(t.app);
    const theirs = await upload(t, resident);
    const res = await call(t, 'POST', '/api/v1/polls', staff.admin, pollBody(theirs.id));
    expect(res.statusCode).toBe(400);
    expect(apiError(res).details.map((d) => d.path)).toEqual(['imageId']);
    const unknown = await call(
      t,
      'POST',
      '/api/v1/polls',
      staff.admin,
      pollBody('00000000-0000-4000-8000-000000000001'),
    );
    expect(apiError(unknown).details.map((d) => d.path)).toEqual(['imageId']);
  });

  it('a photo used by one proposal cannot be attached to another item or a poll again', async () => {
    const vote = await call(t, 'POST', '/api/v1/votes', staff.admin, {
      title: 'Освещение дворов',
      proposals: { opensAt: hours(t, -1), closesAt: hours(t, 24) },
      voting: { opensAt: hours(t, 25), closesAt: hours(t, 48) },
      maxChoices: 1,
    });
    const voteId = (vote.json() as { id: string }).id;
    const author = await newResident(t.app);
    const photo = await upload(t, author);
    const first = await call(t, 'POST', `/api/v1/votes/${voteId}/items`, author, {
      title: 'Фонари во дворе',
      photoIds: [photo.id],
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(t, 'POST', `/api/v1/votes/${voteId}/items`, author, {
      title: 'Ещё раз фонари',
      photoIds: [photo.id],
    });
    expect(again.statusCode).toBe(400);
    expect(apiError(again).details.map((d) => d.path)).toEqual(['photoIds.0']);
  });
});
