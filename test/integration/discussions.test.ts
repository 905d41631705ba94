import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  type CommentJson,
  type DiscussionJson,
  get,
  openDiscussion,
  post,
  put,
  verifyResidence,
} from '../support/discussions.ts';
import { myNotifications } from '../support/notifications.ts';
import { countAudit, errorOf, loginStaff, rows, type Staff, territories } from '../support/reports.ts';

describe('public discussions: threads, edits, flags, moderation, official replies', () => {
  let t: TestApp;
  let staff: Staff;
  let anna: Session;
  let boris: Session;
  let vera: Session;
  let gleb: Session;
  let discussion: DiscussionJson;

  const comment = (who: Session, text: string, parentId?: string, id = discussion.id) =>
    post(t, who, `/api/v1/discussions/${id}/comments`, { text, ...(parentId ? { parentId } : {}) });
  const view = async (who: Session | null, id = discussion.id) =>
    (await get(t, who, `/api/v1/discussions/${id}`)).json() as DiscussionJson;
  const commentCount = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM discussion_comments`))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    [anna, boris, vera, gleb] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    const orgs = (await get(t, null, '/api/v1/organisations')).json() as {
      items: { id: string; code: string }[];
    };
    discussion = await openDiscussion(t, staff.curator, {
      organisationId: orgs.items.find((o) => o.code === 'adm-nevsky')!.id,
    });
  });
  afterAll(() => t.close());

  it('only staff open discussions, and the closing time must follow the opening', async () => {
    expect((await post(t, anna, '/api/v1/discussions', { title: 'x' })).statusCode).toBe(400);
    const now = t.clock.now().toISOString();
    const byResident = await post(t, anna, '/api/v1/discussions', {
      title: 'Мой проект',
      body: 'Текст',
      opensAt: now,
      closesAt: new Date(Date.parse(now) + 1000).toISOString(),
    });
    expect(errorOf(byResident).code).toBe('forbidden');
    const backwards = await post(t, staff.admin, '/api/v1/discussions', {
      title: 'Проект',
      body: 'Текст',
      opensAt: now,
      closesAt: now,
    });
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).details.map((d) => d.path)).toContain('closesAt');
  });

  it('refuses Markdown with scripts or javascript: links, in discussions and comments', async () => {
    const before = await commentCount();
    const script = await comment(anna, 'Смотрите <script>alert(1)</script>');
    expect(errorOf(script).code).toBe('validation_failed');
    const link = await comment(anna, '[нажми](javascript:alert(1))');
    expect(errorOf(link).code).toBe('validation_failed');
    expect(await commentCount()).toBe(before);
    const now = t.clock.now().getTime();
    const doc = await post(t, staff.admin, '/api/v1/discussions', {
      title: 'Проект',
      body: '<img src=x onerror=alert(1)>',
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 1000).toISOString(),
    });
    expect(errorOf(doc).code).toBe('validation_failed');
  });

  it('refuses a 100 KB comment', async () => {
    const before = await commentCount();
    const res = await comment(anna, 'а'.repeat(100 * 1024));
    expect(errorOf(res).code).toBe('validation_failed');
    expect(await commentCount()).toBe(before);
  });

  it('threads replies two levels deep and refuses a reply to a reply’s reply', async () => {
    const top = (await comment(anna, 'Нужны скамейки у воды')).json() as CommentJson;
    expect(top).toMatchObject({ depth: 0, threadId: top.id, parentId: null });
    const reply = (await comment(boris, 'Согласен, и урны', top.id)).json() as CommentJson;
    expect(reply).toMatchObject({ depth: 1, threadId: top.id, parentId: top.id });
    const replyToReply = (await comment(anna, 'И освещение', reply.id)).json() as CommentJson;
    expect(replyToReply).toMatchObject({ depth: 2, threadId: top.id });
    const before = await commentCount();
    const tooDeep = await comment(boris, 'Ещё глубже', replyToReply.id);
    expect(errorOf(tooDeep).code).toBe('reply_too_deep');
    expect(await commentCount()).toBe(before);
    const wrongParent = await comment(boris, 'Куда?', '00000000-0000-4000-8000-000000000000');
    expect(errorOf(wrongParent).code).toBe('parent_not_found');
    const shown = await view(null);
    expect(shown.comments.slice(0, 3).map((c) => c.id)).toEqual([top.id, reply.id, replyToReply.id]);
  });

  it('lists each discussion with its own number of comments', async () => {
    expect((await comment(anna, 'Сколько нас здесь?')).statusCode).toBe(201);
    const [own] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM discussion_comments WHERE discussion_id = ${discussion.id}`,
    );
    expect(Number(own!.n)).toBeGreaterThan(0);
    const list = (await get(t, null, '/api/v1/discussions')).json() as {
      items: { id: string; commentCount: number }[];
    };
    expect(list.items.find((d) => d.id === discussion.id)?.commentCount).toBe(Number(own!.n));
  });

  it('lets the author edit for 15 minutes, nobody else, and not later', async () => {
    const c = (await comment(vera, 'Черновик мысли')).json() as CommentJson;
    expect(c.editableUntil).not.toBeNull();
    const byOther = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/comments/${c.id}`,
      headers: anna.headers,
      payload: { text: 'Чужая правка' },
    });
    expect(errorOf(byOther).code).toBe('not_comment_author');
    t.clock.advance(14 * 60_000);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/comments/${c.id}`,
      headers: vera.headers,
      payload: { text: 'Законченная мысль' },
    });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as CommentJson).text).toBe('Законченная мысль');
    t.clock.advance(2 * 60_000);
    const late = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/comments/${c.id}`,
      headers: vera.headers,
      payload: { text: 'Поздно' },
    });
    expect(errorOf(late).code).toBe('edit_window_closed');
    const stored = await rows<{ text: string }>(
      t,
      sql`SELECT text FROM discussion_comments WHERE id = ${c.id}`,
    );
    expect(stored[0]!.text).toBe('Законченная мысль');
  });

  it('counts one support per resident and none for oneself', async () => {
    const c = (await comment(anna, 'Поддержите идею сквера')).json() as CommentJson;
    expect(
      ((await put(t, boris, `/api/v1/comments/${c.id}/support`)).json() as CommentJson).supportCount,
    ).toBe(1);
    expect(errorOf(await put(t, boris, `/api/v1/comments/${c.id}/support`)).code).toBe(
      'comment_already_supported',
    );
    expect(errorOf(await put(t, anna, `/api/v1/comments/${c.id}/support`)).code).toBe('own_comment_support');
  });

  it('hides a comment at the third flag from different residents until a moderator restores it', async () => {
    const c = (await comment(anna, 'Позвоните мне: +7 900 000-00-00')).json() as CommentJson;
    expect(errorOf(await post(t, anna, `/api/v1/comments/${c.id}/flags`, { reason: 'spam' })).code).toBe(
      'own_comment_flag',
    );
    expect(
      (await post(t, boris, `/api/v1/comments/${c.id}/flags`, { reason: 'personal_data' })).statusCode,
    ).toBe(201);
    expect(errorOf(await post(t, boris, `/api/v1/comments/${c.id}/flags`, { reason: 'spam' })).code).toBe(
      'already_flagged',
    );
    expect(errorOf(await post(t, vera, `/api/v1/comments/${c.id}/flags`, { reason: 'nonsense' })).code).toBe(
      'validation_failed',
    );
    await post(t, vera, `/api/v1/comments/${c.id}/flags`, { reason: 'personal_data' });
    let shown = (await view(null)).comments.find((x) => x.id === c.id)!;
    expect(shown.state).toBe('visible');
    await post(t, gleb, `/api/v1/comments/${c.id}/flags`, { reason: 'spam' });
    shown = (await view(null)).comments.find((x) => x.id === c.id)!;
    expect(shown).toMatchObject({ state: 'hidden_flags', text: null, moderationReason: 'personal_data' });
    // The moderator sees it in the queue, with its text and flags.
    const queue = (await get(t, staff.moderator, '/api/v1/moderation/comments')).json() as {
      items: (CommentJson & { flags: Record<string, number> })[];
    };
    const queued = queue.items.find((x) => x.id === c.id)!;
    expect(queued.text).toContain('+7 900');
    expect(queued.flags).toEqual({ personal_data: 2, spam: 1 });
    // A reply to a hidden comment is refused.
    expect(errorOf(await comment(boris, 'Ответ', c.id)).code).toBe('comment_hidden');
    // Residents cannot moderate.
    expect(
      errorOf(await post(t, anna, `/api/v1/comments/${c.id}/moderation`, { action: 'restore' })).code,
    ).toBe('forbidden');
    const restored = await post(t, staff.moderator, `/api/v1/comments/${c.id}/moderation`, {
      action: 'restore',
    });
    expect((restored.json() as CommentJson).state).toBe('visible');
    expect(await countAudit(t, 'comment.restore', c.id)).toBe(1);
    shown = (await view(null)).comments.find((x) => x.id === c.id)!;
    expect(shown).toMatchObject({ state: 'visible', moderationReason: null });
    expect(shown.text).toContain('+7 900');
    // The moderator then removes the personal data: the text goes, the mark stays, audited.
    const cleaned = await post(t, staff.moderator, `/api/v1/comments/${c.id}/moderation`, {
      action: 'remove_personal_data',
      text: 'Позвоните мне: [телефон удалён модератором]',
    });
    expect(cleaned.json()).toMatchObject({ personalDataRemoved: true, state: 'visible' });
    expect(await countAudit(t, 'comment.remove_personal_data', c.id)).toBe(1);
    const stored = await rows<{ text: string }>(
      t,
      sql`SELECT text FROM discussion_comments WHERE id = ${c.id}`,
    );
    expect(stored[0]!.text).not.toContain('+7');
  });

  it('shows a comment hidden by the moderator as such, with the reason', async () => {
    const c = (await comment(boris, 'Реклама ремонта квартир недорого')).json() as CommentJson;
    const missingReason = await post(t, staff.moderator, `/api/v1/comments/${c.id}/moderation`, {
      action: 'hide',
    });
    expect(errorOf(missingReason).code).toBe('validation_failed');
    await post(t, staff.moderator, `/api/v1/comments/${c.id}/moderation`, { action: 'hide', reason: 'spam' });
    const shown = (await view(anna)).comments.find((x) => x.id === c.id)!;
    expect(shown).toMatchObject({ state: 'hidden_moderator', moderationReason: 'spam', text: null });
    expect(await countAudit(t, 'comment.hide', c.id)).toBe(1);
    // Its author still sees what they wrote.
    expect((await view(boris)).comments.find((x) => x.id === c.id)!.text).toContain('Реклама');
  });

  it('marks and pins official replies, and tells the followers', async () => {
    const top = (await comment(gleb, 'Когда начнутся работы?')).json() as CommentJson;
    const resident = (await comment(anna, 'Тоже интересно', top.id)).json() as CommentJson;
    const byResident = await post(t, anna, `/api/v1/discussions/${discussion.id}/comments`, {
      text: 'Официально заявляю',
      official: true,
    });
    expect(errorOf(byResident).code).toBe('not_official_replier');
    const byOtherOrg = await post(t, staff.opRoads, `/api/v1/discussions/${discussion.id}/comments`, {
      text: 'Ответ дорожников',
      parentId: top.id,
      official: true,
    });
    expect(errorOf(byOtherOrg).code).toBe('not_official_replier');
    const official = await post(t, staff.opNevsky, `/api/v1/discussions/${discussion.id}/comments`, {
      text: 'Работы начнутся в мае.',
      parentId: top.id,
      official: true,
    });
    expect(official.statusCode).toBe(201);
    expect(official.json()).toMatchObject({ isOfficial: true, pinned: true, depth: 1 });
    const thread = (await view(null)).comments.filter((c) => c.threadId === top.id);
    expect(thread.map((c) => c.id)).toEqual([top.id, (official.json() as CommentJson).id, resident.id]);
    // Gleb follows by commenting; he is told through the notifications module, with a link to the reply.
    const officialId = (official.json() as CommentJson).id;
    const mine = await myNotifications(t, gleb);
    expect(mine.items).toContainEqual(
      expect.objectContaining({
        type: 'discussion_official_reply',
        link: `/discussions/${discussion.id}#comment-${officialId}`,
      }),
    );
    // The replier is not told of their own reply.
    expect((await myNotifications(t, staff.opNevsky)).items.map((n) => n.type)).not.toContain(
      'discussion_official_reply',
    );
  });

  it('admits only the territory’s residents where residence is verified', async () => {
    const terr = await territories(t);
    const nevsky = terr.get('nevsky')!;
    const central = terr.get('admiralteysky')!;
    const local = await newResident(t.app);
    const outsider = await newResident(t.app);
    await verifyResidence(t, local.userId, nevsky.id);
    await verifyResidence(t, outsider.userId, central.id);
    const d = await openDiscussion(t, staff.admin, { territoryId: nevsky.id });
    expect((await comment(local, 'Я живу здесь', undefined, d.id)).statusCode).toBe(201);
    const refused = await comment(outsider, 'Я живу в другом районе', undefined, d.id);
    expect(errorOf(refused).code).toBe('not_in_audience');
    expect((await view(outsider, d.id)).canComment).toBe(false);
  });

  it('refuses comments before opening and after closing, and publishes results to followers', async () => {
    const now = t.clock.now().getTime();
    const later = await post(t, staff.admin, '/api/v1/discussions', {
      title: 'Будущее обсуждение',
      body: 'Текст',
      opensAt: new Date(now + 86_400_000).toISOString(),
      closesAt: new Date(now + 2 * 86_400_000).toISOString(),
    });
    const laterId = (later.json() as DiscussionJson).id;
    expect((later.json() as DiscussionJson).status).toBe('scheduled');
    expect(errorOf(await comment(anna, 'Рано', undefined, laterId)).code).toBe('discussion_closed');

    const d = await openDiscussion(t, staff.admin);
    await comment(anna, 'Успела', undefined, d.id);
    await post(t, staff.admin, `/api/v1/discussions/${d.id}/close`, {});
    const before = await commentCount();
    expect(errorOf(await comment(boris, 'Опоздал', undefined, d.id)).code).toBe('discussion_closed');
    expect(await commentCount()).toBe(before);
    const published = await post(t, staff.admin, `/api/v1/discussions/${d.id}/results`, {
      text: '## Итоги\n\nПредложения учтены.',
    });
    expect(published.json()).toMatchObject({ status: 'results_published' });
    expect((published.json() as DiscussionJson).resultsHtml).toContain('<h2>Итоги</h2>');
    expect((await myNotifications(t, anna)).items).toContainEqual(
      expect.objectContaining({ type: 'discussion_results', link: `/discussions/${d.id}` }),
    );
    // Boris never took part nor followed: he hears nothing.
    expect((await myNotifications(t, boris)).items.map((n) => n.link)).not.toContain(`/discussions/${d.id}`);
  });

  it('closes by the clock', async () => {
    const closesAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const d = await openDiscussion(t, staff.admin, { closesAt });
    t.clock.advance(86_400_000);
    expect((await view(null, d.id)).status).toBe('closed');
    expect(errorOf(await comment(anna, 'Поздно', undefined, d.id)).code).toBe('discussion_closed');
  });
});
