import type { Db } from '../../db/connection.ts';
import { DEMO_ARTICLES } from '../../demo/knowledge-articles.ts';
import { ORGANISATIONS } from '../../demo/organisations.ts';
import { DEMO_EMAIL_DOMAIN } from '../../demo/users.ts';
import { type ProfileInput, seedProfile } from '../../modules/directory/index.ts';
import { type ArticleInput, seedArticle } from '../../modules/knowledge/index.ts';
import type { ReferenceIds } from './reference.ts';

type Hours = ProfileInput['hours'];
const LUNCH = [{ from: '13:00', to: '13:48' }];
const days = (list: number[], opens: string, closes: string, breaks = LUNCH): Hours =>
  list.map((day) => ({ day, opens, closes, breaks }));

/** The reference data's free-text hours, as a schedule (the texts are the demo's own, see organisations.ts). */
function scheduleOf(text: string | undefined): Hours {
  if (text?.startsWith('пн–чт 9:00–18:00'))
    return [...days([1, 2, 3, 4], '09:00', '18:00'), ...days([5], '09:00', '17:00')];
  if (text?.startsWith('пн–пт 8:00–20:00'))
    return [...days([1, 2, 3, 4, 5], '08:00', '20:00', []), ...days([6], '10:00', '16:00', [])];
  return days([1, 2, 3, 4, 5], '09:00', '18:00');
}

const SERVICES: Record<string, ProfileInput['services']> = {
  utility: [
    { ru: 'Аварийно-диспетчерская служба (круглосуточно)', en: 'Emergency dispatch (24 hours)' },
    { ru: 'Плановые работы и отключения', en: 'Planned works and outages' },
  ],
  management_company: [
    { ru: 'Содержание и ремонт общего имущества дома', en: 'Upkeep and repair of common property' },
    { ru: 'Уборка парадных и двора', en: 'Cleaning of entrance halls and yards' },
    { ru: 'Аварийная служба (круглосуточно)', en: 'Emergency service (24 hours)' },
  ],
  authority: [
    { ru: 'Приём граждан', en: 'Receiving residents' },
    { ru: 'Благоустройство территории', en: 'Public space improvements' },
  ],
  institution: [{ ru: 'Содержание городских объектов', en: 'Maintenance of city facilities' }],
  hoa: [{ ru: 'Управление домом', en: 'Management of the building' }],
};

/**
 * The demo knowledge base (thirty articles, each in Russian with its English translation, published
 * and due for review in half a year) and the directory entries of the demo organisations.
 */
export async function seedDemoKnowledge(db: Db, ids: ReferenceIds, now = new Date()): Promise<number> {
  const editorId = ids.users.get(`moderator@${DEMO_EMAIL_DOMAIN}`) ?? null;
  const today = now.toISOString().slice(0, 10);
  const reviewBy = new Date(now.getTime() + 182 * 24 * 3600_000).toISOString().slice(0, 10);
  await db.transaction(async (tx) => {
    for (const article of DEMO_ARTICLES) {
      const categoryIds = article.categories.flatMap((c) => {
        const id = ids.categories.get(c);
        return id ? [id] : [];
      });
      const base: Omit<ArticleInput, 'locale' | 'title' | 'body' | 'translationOf'> = {
        status: 'published',
        categoryIds,
        territoryIds: [],
        lastReviewedOn: today,
        reviewBy,
      };
      const ruId = await seedArticle(
        tx,
        { ...base, locale: 'ru', ...article.ru, translationOf: null },
        editorId,
        now,
      );
      await seedArticle(tx, { ...base, locale: 'en', ...article.en, translationOf: ruId }, editorId, now);
    }
    for (const org of ORGANISATIONS) {
      const id = ids.organisations.get(org.code);
      if (!id) continue;
      await seedProfile(
        tx,
        id,
        {
          kind: org.code.startsWith('adm-') ? 'authority' : null,
          description: null,
          website: null,
          officeAddress: null,
          servedAddresses: [],
          services: SERVICES[org.kind] ?? [],
          hours: scheduleOf(org.workingHours),
          daysOff: [],
          observesHolidays: true,
        },
        now,
      );
    }
  });
  return DEMO_ARTICLES.length;
}
