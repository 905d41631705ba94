import type { Db } from '../../db/connection.ts';
import { answerTemplates } from '../../db/schema/answer-quality.ts';
import { unknownPlaceholders } from '../../modules/answers/placeholders.ts';
import type { ReferenceIds } from './reference.ts';

type DemoTemplate = { organisation: string; category: string | null; title: string; text: string };

/** A few answer templates, so the demo's answer form offers some (operators edit them before sending). */
const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    organisation: 'city-light',
    category: 'street-light',
    title: 'Светильник заменён',
    text: 'По сообщению № {number} ({address}): бригада {organisation} заменила светильник {today}, освещение восстановлено. Фото после работ приложено.',
  },
  {
    organisation: 'city-light',
    category: 'lighting',
    title: 'Работы запланированы',
    text: 'По сообщению № {number}: ремонт сети наружного освещения по адресу {address} включён в план работ, срок — до {due_date}.',
  },
  {
    organisation: 'roads-directorate',
    category: 'road-pothole',
    title: 'Выбоина заделана',
    text: 'По сообщению № {number}: выбоина на проезжей части по адресу {address} заделана литым асфальтом {today}.',
  },
];

export async function seedDemoTemplates(db: Db, ids: ReferenceIds): Promise<number> {
  const author = ids.users.get('admin@demo.vmeste.local');
  if (!author) return 0;
  const rows = DEMO_TEMPLATES.flatMap((t) => {
    const organisationId = ids.organisations.get(t.organisation);
    const categoryId = t.category ? ids.categories.get(t.category) : null;
    if (unknownPlaceholders(t.text).length > 0)
      throw new Error(`demo template "${t.title}" has unknown placeholders`);
    if (!organisationId || categoryId === undefined) return [];
    return [{ organisationId, categoryId, title: t.title, text: t.text, createdBy: author }];
  });
  if (rows.length > 0) await db.insert(answerTemplates).values(rows);
  return rows.length;
}
