import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { searchArticles, writeArticle } from '../support/knowledge.ts';

/*
 * Search quality on a small base of real-looking articles: the wanted article must come first, not
 * merely somewhere, and the distractors share enough vocabulary (вода, квартира, управляющая компания)
 * that a careless ranking would put them ahead.
 */
const ARTICLES = [
  {
    title: 'Отключение горячего водоснабжения',
    body: 'Летом горячую воду отключают на время гидравлических испытаний тепловых сетей: обычно на 10 дней. График по адресам публикует теплоснабжающая организация. Если срок прошёл, а воды нет, сообщите об этом.',
  },
  {
    title: 'Протекает кровля',
    body: 'Если после дождя или оттепели с потолка квартиры на последнем этаже капает вода, управляющая компания обязана устранить неисправность: сфотографируйте пятна и составьте акт вместе с её представителем.',
  },
  {
    title: 'Отопление: батареи едва тёплые',
    body: 'Отопительный сезон начинается, когда среднесуточная температура пять дней подряд ниже восьми градусов. Температура в жилой комнате должна быть не ниже +18 °C (в угловой +20 °C).',
  },
  {
    title: 'Холодная вода: низкий напор',
    body: 'Слабый напор холодной воды в квартире чаще всего связан с засором фильтра или неисправностью насосов. Управляющая компания проверяет давление в доме.',
  },
  {
    title: 'Вывоз мусора и контейнерные площадки',
    body: 'Контейнеры во дворе опорожняют по графику регионального оператора. Переполненную площадку фотографируют и отмечают на карте.',
  },
  {
    title: 'Ямы на дороге',
    body: 'Выбоины на проезжей части ремонтируют в рамках ямочного ремонта весной и летом. Укажите точное место на карте.',
  },
];

describe('knowledge search: Russian morphology, synonyms, typos', () => {
  let t: TestApp;
  let editor: Session;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    editor = await login(t.app, 'moderator@demo.vmeste.local');
    for (const a of ARTICLES) ids.set(a.title, (await writeArticle(t, editor, a)).id);
    await writeArticle(t, editor, {
      title: 'Черновик про горячую воду',
      body: 'Этот черновик про отключение горячей воды не должен находиться поиском.',
      status: 'draft',
    });
  });
  afterAll(() => t.close());

  it.each([
    ['отключили горячую воду', 'Отключение горячего водоснабжения'],
    ['протечка крыши', 'Протекает кровля'],
    ['атопление', 'Отопление: батареи едва тёплые'],
    ['атопление не греет', 'Отопление: батареи едва тёплые'],
    ['слабый напор холодной воды', 'Холодная вода: низкий напор'],
    ['переполнен мусорный контейнер', 'Вывоз мусора и контейнерные площадки'],
    ['яма на дороге', 'Ямы на дороге'],
  ])('«%s» finds «%s» first', async (q, title) => {
    const items = await searchArticles(t, q);
    expect(items[0]?.title, JSON.stringify(items.map((i) => i.title))).toBe(title);
    expect(items[0]?.id).toBe(ids.get(title));
  });

  it('answers the fixed contract: id, title, an escaped snippet with marks, a descending score', async () => {
    const items = await searchArticles(t, 'горячая вода', '&limit=2');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(2);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'score', 'snippet', 'title']);
    expect(items[0]!.snippet).toMatch(/<mark>горяч/i);
    for (let i = 1; i < items.length; i += 1)
      expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
  });

  it('never finds drafts', async () => {
    const items = await searchArticles(t, 'черновик горячей воды', '&limit=20');
    expect(items.map((i) => i.title)).not.toContain('Черновик про горячую воду');
  });

  it('keeps the text of an article as text in the snippet', async () => {
    await writeArticle(t, editor, {
      title: 'Счётчики тепла <b>и</b> поверка',
      body: 'Поверка счётчиков тепла: если 3 < 5, это `<script>alert(1)</script>` в коде, а не разметка.',
    });
    const items = await searchArticles(t, 'поверка счётчиков');
    expect(items[0]!.snippet).not.toContain('<script');
    expect(items[0]!.snippet).not.toContain('<b>');
    expect(items[0]!.snippet).toContain('3 &#60; 5');
    expect(items[0]!.snippet).toContain('<mark>');
  });

  it('records searches that found nothing for the editors', async () => {
    expect(await searchArticles(t, 'квадрокоптер шумит ночью')).toEqual([]);
    expect(await searchArticles(t, 'Квадрокоптер шумит ночью!')).toEqual([]);
    const stats = await t.app.inject({
      method: 'GET',
      url: '/api/v1/knowledge/stats',
      headers: editor.headers,
    });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().missedSearches).toContainEqual(
      expect.objectContaining({ query: 'квадрокоптер шумит ночью', count: 2 }),
    );
  });

  it('refuses an empty query and a limit out of range with the problems listed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/search?q=&limit=500' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['querystring.limit', 'querystring.q']);
  });
});
