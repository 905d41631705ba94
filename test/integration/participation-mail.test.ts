import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireInitiatives, initiativesDeps } from '../../src/modules/initiatives/index.ts';
import { reportsDeps } from '../../src/server/deps.ts';
import { newResident, type Session, type TestApp } from '../support/app.ts';
import { type CommentJson, get, openDiscussion, post, put } from '../support/discussions.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';
import { upload } from '../support/media.ts';
import { dispatch, myNotifications } from '../support/notifications.ts';
import {
  ANSWER_TEXT,
  categoryIdCached,
  errorOf,
  loginStaff,
  must,
  rows,
  type Staff,
  territories,
} from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * Followers of a discussion and supporters of an initiative hear the news through the notifications
 * module: in-app, and by e-mail over real SMTP in each reader's language.
 */
describe('participation news by e-mail through a real SMTP server', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let staff: Staff;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox({
      INITIATIVE_DAYS: '10',
      INITIATIVE_THRESHOLD: '5',
    }));
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  const emailOf = async (who: Session) =>
    (await rows<{ email: string }>(t, sql`SELECT email FROM users WHERE id = ${who.userId}`))[0]!.email;
  const mailsTo = async (who: Session, since: number) => {
    const address = await emailOf(who);
    return mailbox.received.slice(since).filter((m) => m.to.includes(address));
  };

  it('mails the followers an official reply (linking to it) and the results, in their language', async () => {
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations' })).json() as {
      items: { id: string; code: string }[];
    };
    const d = await openDiscussion(t, staff.curator, {
      title: 'Сквер на Невском',
      organisationId: orgs.items.find((o) => o.code === 'adm-nevsky')!.id,
    });
    const [commenter, english, bystander] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-preferences',
      headers: english.headers,
      payload: { language: 'en' },
    });
    const top = (
      await post(t, commenter, `/api/v1/discussions/${d.id}/comments`, { text: 'Когда начнут?' })
    ).json() as CommentJson;
    expect((await put(t, english, `/api/v1/discussions/${d.id}/follow`)).statusCode).toBe(200);
    const since = mailbox.received.length;
    const reply = (
      await post(t, staff.opNevsky, `/api/v1/discussions/${d.id}/comments`, {
        text: 'Работы начнутся в мае.',
        parentId: top.id,
        official: true,
      })
    ).json() as CommentJson;
    expect((await dispatch(t)).failed).toBe(0);

    const [ru] = await mailsTo(commenter, since);
    expect(ru!.subject).toBe('Вместе: Официальный ответ в обсуждении «Сквер на Невском»');
    expect(ru!.text).toContain(`https://vmeste.example/discussions/${d.id}#comment-${reply.id}`);
    expect(ru!.text).toContain('следите за обсуждением');
    expect(ru!.text).not.toContain('Работы начнутся'); // the reply itself is read on the page
    const [en] = await mailsTo(english, since);
    expect(en!.subject).toBe('Vmeste: An official reply in the discussion “Сквер на Невском”');
    expect(await mailsTo(bystander, since)).toEqual([]);
    expect(await mailsTo(staff.opNevsky, since)).toEqual([]);

    const beforeResults = mailbox.received.length;
    await post(t, staff.curator, `/api/v1/discussions/${d.id}/results`, { text: 'Итоги: сквер будет.' });
    await dispatch(t);
    const results = await mailsTo(commenter, beforeResults);
    expect(results.map((m) => m.subject)).toEqual([
      'Вместе: Опубликованы итоги обсуждения «Сквер на Невском»',
    ]);
    expect(results[0]!.text).toContain(`https://vmeste.example/discussions/${d.id}`);
    // In-app too, once each.
    const inApp = (await myNotifications(t, commenter)).items.filter((n) => n.type.startsWith('discussion_'));
    expect(inApp.map((n) => n.type).sort()).toEqual(['discussion_official_reply', 'discussion_results']);
  });

  it('mails the supporters and the author when an initiative expires below its threshold', async () => {
    const nevsky = (await territories(t)).get('nevsky')!;
    const [author, supporter] = await Promise.all([newResident(t.app), newResident(t.app)]);
    const created = (
      await post(t, author, '/api/v1/initiatives', {
        title: 'Скамейки у пруда',
        text: 'Предлагаем поставить скамейки вдоль пруда: пожилым людям негде присесть.',
        categoryId: await categoryIdCached(t, 'street-light'),
        territoryId: nevsky.id,
      })
    ).json() as { id: string };
    await post(t, staff.moderator, `/api/v1/initiatives/${created.id}/moderation`, { decision: 'approve' });
    expect((await put(t, supporter, `/api/v1/initiatives/${created.id}/support`)).statusCode).toBe(200);
    t.clock.advance(10 * 86_400_000);
    const since = mailbox.received.length;
    await expireInitiatives(initiativesDeps(t.app.ctx, reportsDeps(t.app.ctx)));
    await dispatch(t);
    for (const who of [author, supporter]) {
      const mails = await mailsTo(who, since);
      expect(mails.map((m) => m.subject)).toEqual([
        'Вместе: Срок сбора поддержки инициативы «Скамейки у пруда» истёк: порог не набран',
      ]);
      expect(mails[0]!.text).toContain(`https://vmeste.example/initiatives/${created.id}`);
    }
  });

  it(
    'carries an initiative’s photos to its report, and mails its supporters the official answer',
    async () => {
      const nevsky = (await territories(t)).get('nevsky')!;
      const author = await newResident(t.app);
      const photo = await upload(t, author);
      const someoneElses = await upload(t, staff.admin);
      const text = {
        title: 'Фонари во дворе',
        text: 'Во дворе дома 5 по Невскому не горит ни один фонарь уже месяц, просим установить новые.',
        categoryId: await categoryIdCached(t, 'street-light'),
        territoryId: nevsky.id,
        ...nevsky.center,
      };
      const refused = await post(t, author, '/api/v1/initiatives', {
        ...text,
        mediaIds: [photo.id, someoneElses.id],
      });
      expect(errorOf(refused)).toMatchObject({
        code: 'media_unusable',
        details: [expect.objectContaining({ path: 'mediaIds.1' })],
      });
      const created = (
        await post(t, author, '/api/v1/initiatives', { ...text, mediaIds: [photo.id] })
      ).json() as {
        id: string;
        photos: { id: string; url: string }[];
      };
      expect(created.photos.map((p) => p.id)).toEqual([photo.id]);
      // Before approval only the author and moderators see the photo; the housekeeping keeps it.
      expect((await get(t, null, photo.url)).statusCode).toBe(404);
      expect((await get(t, staff.moderator, photo.url)).statusCode).toBe(200);
      await post(t, staff.moderator, `/api/v1/initiatives/${created.id}/moderation`, { decision: 'approve' });
      expect((await get(t, null, photo.url)).statusCode).toBe(200);

      const supporters = await Promise.all(Array.from({ length: 5 }, () => newResident(t.app)));
      for (const s of supporters) await put(t, s, `/api/v1/initiatives/${created.id}/support`);
      const sent = (await get(t, null, `/api/v1/initiatives/${created.id}`)).json() as { reportId: string };
      const media = await rows<{ id: string }>(
        t,
        sql`SELECT id FROM media WHERE report_id = ${sent.reportId}`,
      );
      expect(media.map((m) => m.id)).toEqual([photo.id]);

      const since = mailbox.received.length;
      for (const [who, action, body] of [
        [staff.opLight, 'start', {}],
        [staff.opLight, 'draft-answer', { text: ANSWER_TEXT, result: 'solved', mediaIds: [] }],
        [staff.opLight, 'submit-answer', {}],
        [staff.moderator, 'publish-answer', {}],
      ] as const)
        await must(t, who, sent.reportId, action, body);
      await dispatch(t);
      const toSupporter = await mailsTo(supporters[0]!, since);
      const answerMail = toSupporter.find((m) => m.subject.endsWith('опубликован ответ'));
      expect(answerMail?.text).toContain(`https://vmeste.example/reports/${sent.reportId}`);
    },
    scaled(90_000),
  ); // a whole initiative and its report's answer: slow on PGlite under load
});
