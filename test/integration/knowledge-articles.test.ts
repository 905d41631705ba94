import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReviewReminders } from '../../src/modules/knowledge/index.ts';
import { notificationsRuntime } from '../../src/modules/notifications/index.ts';
import { categoryId, login, newResident, type Session, type TestApp } from '../support/app.ts';
import { type ArticleJson, writeArticle } from '../support/knowledge.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';

describe('knowledge articles: editing, history, refusals, feedback, review reminders', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let editor: Session;
  let resident: Session;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox());
    editor = await login(t.app, 'moderator@demo.vmeste.local');
    resident = await newResident(t.app);
  });
  afterAll(() => t.close());

  const post = (who: Session | null, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/knowledge/articles',
      headers: who?.headers ?? {},
      payload: payload as Record<string, unknown>,
    });

  it('lets staff write an article and renders its Markdown safely', async () => {
    const cat = await categoryId(t.app, 'road-pothole');
    const a = await writeArticle(t, editor, {
      title: 'Как сообщить о яме',
      body: '## Что сделать\n\n1. Сфотографируйте яму.\n2. Отметьте место на [карте](/reports/new).',
      categoryIds: [cat],
      lastReviewedOn: '2026-03-01',
      reviewBy: '2026-09-01',
    });
    expect(a.version).toBe(1);
    expect(a.bodyHtml).toContain('<h2>Что сделать</h2>');
    expect(a.bodyHtml).toContain('<a href="/reports/new">карте</a>');
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${a.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().categories.map((c: { id: string }) => c.id)).toEqual([cat]);
  });

  it('refuses residents and anonymous visitors as editors', async () => {
    const body = { title: 'Статья', body: 'Достаточно длинный текст статьи.' };
    expect((await post(null, body)).statusCode).toBe(401);
    expect((await post(resident, body)).json().error.code).toBe('forbidden');
    expect((await post(await login(t.app, 'analyst@demo.vmeste.local'), body)).statusCode).toBe(403);
  });

  it('refuses scripts, javascript: links and raw HTML, listing every problem, and stores nothing', async () => {
    const before = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles?status=draft',
        headers: editor.headers,
      })
    ).json().items.length;
    const res = await post(editor, {
      title: 'Оп',
      body: '<script>alert(1)</script>\n\n[нажми](javascript:alert(1)) и <b>жирно</b>',
      reviewBy: '2026-01-01',
      lastReviewedOn: '2026-02-01',
      status: 'draft',
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['body', 'body', 'reviewBy', 'title']);
    expect(details.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'HTML-разметка не допускается: используйте Markdown',
        'Допустимы только ссылки http(s), mailto и ссылки внутри сайта',
        'Дата следующей проверки раньше даты последней проверки',
      ]),
    );
    const after = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles?status=draft',
        headers: editor.headers,
      })
    ).json().items.length;
    expect(after).toBe(before);
  });

  it('refuses unknown categories and territories with their positions', async () => {
    const res = await post(editor, {
      title: 'Статья со ссылками',
      body: 'Текст статьи достаточной длины.',
      categoryIds: ['00000000-0000-4000-8000-000000000001'],
      territoryIds: ['00000000-0000-4000-8000-000000000002'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('article_references_invalid');
    expect((res.json().error.details as { path: string }[]).map((d) => d.path)).toEqual([
      'categoryIds.0',
      'territoryIds.0',
    ]);
  });

  it('keeps every version, refuses a save over someone else’s, hides drafts from the public', async () => {
    const a = await writeArticle(t, editor, {
      title: 'Шумные работы ночью',
      body: 'Ночью с 23:00 до 7:00 шуметь нельзя.',
      status: 'draft',
    });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${a.id}` })).statusCode,
    ).toBe(404);
    const save = (expectedVersion: number, title: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/knowledge/articles/${a.id}`,
        headers: editor.headers,
        payload: {
          expectedVersion,
          article: {
            title,
            body: 'Ночью с 23:00 до 7:00 шуметь нельзя (закон Санкт-Петербурга).',
            status: 'published',
          },
        },
      });
    const saved = await save(1, 'Тишина ночью');
    expect(saved.statusCode).toBe(200);
    expect((saved.json() as ArticleJson).version).toBe(2);
    const stale = await save(1, 'Чужая правка');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('article_version_conflict');
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/v1/knowledge/articles/${a.id}/versions`,
      headers: editor.headers,
    });
    expect(
      versions
        .json()
        .items.map((v: { version: number; title: string; status: string }) => [v.version, v.title, v.status]),
    ).toEqual([
      [2, 'Тишина ночью', 'published'],
      [1, 'Шумные работы ночью', 'draft'],
    ]);
    expect(versions.json().items[0].editedBy.name).toBe('Мария Андреевна Кузнецова');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${a.id}` })).statusCode,
    ).toBe(200);
  });

  it('links translations both ways', async () => {
    const ru = await writeArticle(t, editor, {
      title: 'Парадная',
      body: 'В Петербурге подъезд называют парадной.',
    });
    const en = await writeArticle(t, editor, {
      title: 'Front entrance',
      body: 'In St Petersburg an entrance hall is called «paradnaya».',
      locale: 'en',
      translationOf: ru.id,
    });
    const readRu = (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${ru.id}` })).json();
    expect(readRu.translations).toEqual([{ id: en.id, locale: 'en', title: 'Front entrance' }]);
    expect(en.translations).toEqual([{ id: ru.id, locale: 'ru', title: 'Парадная' }]);
  });

  it('lists each article once in the reader’s language, else as written, never a draft translation', async () => {
    const write = (title: string, extra: Record<string, unknown> = {}) =>
      writeArticle(t, editor, { title, body: `${title}: достаточно длинный текст статьи.`, ...extra });
    const both = await write('Языки: статья на двух языках');
    const bothEn = await write('Languages: an article in both', { locale: 'en', translationOf: both.id });
    const ruOnly = await write('Языки: только по-русски');
    const enOnly = await write('Languages: English only', { locale: 'en' });
    // A translation still in draft: the public reads the original.
    const draftOf = await write('Языки: перевод ещё в черновике');
    await write('Languages: a translation in draft', {
      locale: 'en',
      translationOf: draftOf.id,
      status: 'draft',
    });
    const titles = async (query: string, who: Session | null = null) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/knowledge/articles?${query}`,
        headers: who?.headers ?? {},
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { title: string }[])
        .map((a) => a.title)
        .filter((title) => /^(Языки|Languages):/.test(title))
        .sort();
    };
    expect(await titles('language=ru')).toEqual([both, ruOnly, enOnly, draftOf].map((a) => a.title).sort());
    expect(await titles('language=en')).toEqual([bothEn, ruOnly, enOnly, draftOf].map((a) => a.title).sort());
    // Without it, every published article in every language, as before.
    expect(await titles('')).toEqual([both, bothEn, ruOnly, enOnly, draftOf].map((a) => a.title).sort());
    // The same filters for both versions: a topic only the original is filed under keeps it listed.
    const pothole = await categoryId(t.app, 'road-pothole');
    const filed = await write('Языки: только оригинал в теме', { categoryIds: [pothole] });
    await write('Languages: the translation not filed', { locale: 'en', translationOf: filed.id });
    expect(await titles(`language=en&category=${pothole}`)).toEqual([filed.title]);
    // Staff asking for drafts see the draft translation in its language.
    expect(await titles('language=en&status=draft', editor)).toEqual(['Languages: a translation in draft']);
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/articles?language=de' });
    expect(refused.statusCode).toBe(400);
  });

  it('counts "answered my question" from the report form as a deflected report', async () => {
    const a = await writeArticle(t, editor, {
      title: 'Сосульки на крыше',
      body: 'Сосульки сбивает управляющая компания.',
    });
    const vote = (helpful: boolean, source: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/knowledge/articles/${a.id}/feedback`,
        headers: resident.headers,
        payload: { helpful, source },
      });
    expect((await vote(true, 'report_form')).statusCode).toBe(204);
    await vote(true, 'report_form');
    await vote(false, 'report_form');
    await vote(true, 'article');
    const stats = (
      await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/stats', headers: editor.headers })
    ).json();
    expect(stats.articles).toContainEqual({
      id: a.id,
      title: 'Сосульки на крыше',
      deflected: 2,
      helpful: 3,
      notHelpful: 1,
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/stats', headers: resident.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('reminds the editor by e-mail once when the review date comes', async () => {
    const a = await writeArticle(t, editor, {
      title: 'Тарифы на отопление',
      body: 'Тарифы меняются с 1 июля каждого года.',
      reviewBy: '2026-03-05',
    });
    const deps = {
      db: t.app.ctx.db,
      clock: t.clock,
      mailer: notificationsRuntime(t.app.ctx).mailer,
      baseUrl: 'https://vmeste.example',
    };
    t.clock.set(new Date('2026-03-04T20:00:00Z')); // 23:00 in St Petersburg: not yet
    expect((await runReviewReminders(deps)).reminded).toBe(0);
    t.clock.set(new Date('2026-03-04T21:30:00Z')); // 00:30 on the 5th there
    expect((await runReviewReminders(deps)).reminded).toBeGreaterThanOrEqual(1);
    expect((await runReviewReminders(deps)).reminded).toBe(0);
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.to).toEqual(['moderator@demo.vmeste.local']);
    expect(mail!.subject).toBe('Пора проверить статью «Тарифы на отопление»');
    expect(mail!.text).toContain(`https://vmeste.example/knowledge/${a.id}/edit`);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/reminders', headers: editor.headers })
    ).json();
    expect(mine.items.map((r: { articleId: string }) => r.articleId)).toContain(a.id);
    const due = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles?reviewDue=true',
        headers: editor.headers,
      })
    ).json();
    expect(due.items.map((r: { id: string }) => r.id)).toContain(a.id);
  });
});
