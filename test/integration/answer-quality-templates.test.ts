import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryId,
  createTestApp,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import {
  act,
  countAudit,
  driveTo,
  errorOf,
  headersOf,
  loginStaff,
  rows,
  type Staff,
  snapshot,
  type Who,
} from '../support/reports.ts';

type TemplateJson = {
  id: string;
  organisationId: string;
  categoryId: string | null;
  title: string;
  text: string;
};

const TEXT =
  'По сообщению № {number} ({category}) по адресу {address}: {organisation} выполнила работы {today}. Срок был до {due_date}.';

describe('answer templates', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let light: string;
  let roads: string;
  let admNevsky: string;
  let streetLight: string;
  let lighting: string;
  let pothole: string;

  const post = (who: Who, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/answer-templates', headers: headersOf(who), payload });
  const patch = (who: Who, id: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/answer-templates/${id}`,
      headers: headersOf(who),
      payload,
    });
  const list = (who: Who, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/answer-templates?${query}`, headers: headersOf(who) });
  const forReport = (who: Who, id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/answer-templates`, headers: headersOf(who) });
  const countTemplates = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM answer_templates`))[0]!.n);
  const created = async (who: Session, payload: object): Promise<TemplateJson> => {
    const res = await post(who, payload);
    if (res.statusCode !== 201) throw new Error(`create template: ${res.statusCode} ${res.body}`);
    return res.json() as TemplateJson;
  };

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    [light, roads, admNevsky, streetLight, lighting, pothole] = await Promise.all([
      organisationId(t.app, 'city-light'),
      organisationId(t.app, 'roads-directorate'),
      organisationId(t.app, 'adm-nevsky'),
      categoryId(t.app, 'street-light'),
      categoryId(t.app, 'lighting'),
      categoryId(t.app, 'road-pothole'),
    ]);
  });
  afterAll(() => t.close());

  describe('keeping templates', () => {
    it('lets an operator keep templates of their organisation, per category, with placeholders', async () => {
      const res = await post(staff.opLight, {
        organisationId: light,
        categoryId: streetLight,
        title: 'Фонарь заменён',
        text: TEXT,
      });
      expect(res.statusCode).toBe(201);
      const tpl = res.json() as TemplateJson;
      expect(tpl).toMatchObject({ organisationId: light, categoryId: streetLight, text: TEXT });
      expect(await countAudit(t, 'answer_template.create', tpl.id)).toBe(1);

      const listed = (await list(staff.opLight)).json() as { items: TemplateJson[]; placeholders: string[] };
      expect(listed.items.map((i) => i.id)).toContain(tpl.id);
      expect(listed.placeholders).toEqual([
        'number',
        'address',
        'category',
        'organisation',
        'due_date',
        'today',
      ]);
    });

    it('refuses unknown placeholders, each listed, and stores nothing', async () => {
      const before = await countTemplates();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/answer-templates',
        headers: { ...staff.opLight.headers, 'accept-language': 'en' },
        payload: {
          organisationId: light,
          title: 'С опечатками',
          text: 'Сообщение № {Number} по адресу {adress} рассмотрено, {number}.',
        },
      });
      expect(res.statusCode).toBe(422);
      const error = errorOf(res);
      expect(error.code).toBe('template_unknown_placeholder');
      expect(error.message).toContain('{due_date}');
      expect(error.details).toEqual([
        expect.objectContaining({ path: 'text', code: '{Number}' }),
        expect.objectContaining({ path: 'text', code: '{adress}' }),
      ]);
      expect(await countTemplates()).toBe(before);
    });

    it('lists every content problem together: unknown category and unknown placeholder', async () => {
      const res = await post(staff.opLight, {
        organisationId: light,
        categoryId: '00000000-0000-4000-8000-000000000000',
        title: 'Неверная категория',
        text: 'Ответ на сообщение {nomer}, работы выполнены.',
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('unknown_category');
      expect(errorOf(res).details.map((d) => d.path)).toEqual(['categoryId', 'text']);
    });

    it('refuses templates for an organisation the operator does not belong to', async () => {
      const before = await countTemplates();
      const res = await post(staff.opLight, { organisationId: roads, title: 'Чужой шаблон', text: TEXT });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res)).toMatchObject({
        code: 'template_organisation_forbidden',
        details: [{ path: 'organisationId' }],
      });
      expect((await list(staff.opLight, `organisationId=${roads}`)).statusCode).toBe(403);
      expect(await countTemplates()).toBe(before);
    });

    it('checks the organisation exists, and who may keep templates at all', async () => {
      const unknown = await post(staff.admin, {
        organisationId: '00000000-0000-4000-8000-000000000000',
        title: 'Никому',
        text: TEXT,
      });
      expect(unknown.statusCode).toBe(422);
      expect(errorOf(unknown).code).toBe('unknown_organisation');
      for (const who of [author, staff.moderator, staff.analyst]) {
        const res = await post(who, { organisationId: light, title: 'Нельзя', text: TEXT });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('forbidden');
      }
      expect((await post(null, { organisationId: light, title: 'Нельзя', text: TEXT })).statusCode).toBe(401);
      const invalid = await post(staff.opLight, {
        organisationId: light,
        title: '',
        text: 'коротко',
        extra: 1,
      });
      expect(invalid.statusCode).toBe(400);
      expect(
        errorOf(invalid)
          .details.map((d) => d.path)
          .sort(),
      ).toEqual(['', 'text', 'title']);
    });

    it('lets curators keep templates of the organisations serving their territory', async () => {
      // The district curator: the district administration yes, the city-wide lighting utility no.
      expect(
        (await post(staff.curatorNevsky, { organisationId: admNevsky, title: 'Район', text: TEXT }))
          .statusCode,
      ).toBe(201);
      const refused = await post(staff.curatorNevsky, { organisationId: light, title: 'Город', text: TEXT });
      expect(errorOf(refused).code).toBe('template_organisation_forbidden');
      // The city curator (ЦУР) keeps every organisation's.
      expect(
        (await post(staff.curator, { organisationId: light, title: 'ЦУР', text: TEXT })).statusCode,
      ).toBe(201);
      const ids = ((await list(staff.curatorNevsky)).json() as { items: TemplateJson[] }).items.map(
        (i) => i.organisationId,
      );
      expect(new Set(ids)).toEqual(new Set([admNevsky]));
    });

    it('changes a template with the same checks, and deletes it', async () => {
      const tpl = await created(staff.opLight, { organisationId: light, title: 'Черновик', text: TEXT });
      const bad = await patch(staff.opLight, tpl.id, { text: 'Теперь с {ошибкой} в подстановке, правда.' });
      expect(errorOf(bad).code).toBe('template_unknown_placeholder');
      const foreign = await patch(staff.opRoads, tpl.id, { title: 'Перехват' });
      expect(foreign.statusCode).toBe(403);
      expect(errorOf(foreign).code).toBe('template_organisation_forbidden');
      const [unchanged] = await rows<{ title: string; text: string }>(
        t,
        sql`SELECT title, text FROM answer_templates WHERE id = ${tpl.id}`,
      );
      expect(unchanged).toEqual({ title: 'Черновик', text: TEXT });

      const ok = await patch(staff.opLight, tpl.id, { title: 'Для всей темы', categoryId: lighting });
      expect(ok.json()).toMatchObject({ title: 'Для всей темы', categoryId: lighting, text: TEXT });

      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/answer-templates/${tpl.id}`,
        headers: staff.opLight.headers,
      });
      expect(del.statusCode).toBe(204);
      const again = await patch(staff.opLight, tpl.id, { title: 'Нет такого' });
      expect(again.statusCode).toBe(404);
      expect(errorOf(again).code).toBe('template_not_found');
    });
  });

  describe('in the answer form', () => {
    it('offers the organisation’s templates that fit the report, filled in for it', async () => {
      const subject = await created(staff.opLight, {
        organisationId: light,
        categoryId: streetLight,
        title: 'А: по подкатегории',
        text: TEXT,
      });
      const topic = await created(staff.opLight, {
        organisationId: light,
        categoryId: lighting,
        title: 'Б: по теме',
        text: 'Сообщение № {number}: освещение восстановлено {today}.',
      });
      const general = await created(staff.opLight, {
        organisationId: light,
        title: 'В: общий',
        text: 'Сообщение № {number} рассмотрено {organisation}.',
      });
      const otherSubject = await created(staff.opLight, {
        organisationId: light,
        categoryId: pothole,
        title: 'Не та подкатегория',
        text: 'Яма по сообщению № {number} заделана.',
      });
      const r = await driveTo(t, staff, author, 'in_progress', { address: 'Невский пр., 28' });
      const res = await forReport(staff.opLight, r.id);
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: { id: string; text: string }[] }).items;
      const ids = items.map((i) => i.id);
      expect(ids).not.toContain(otherSubject.id);
      // Subject first, then topic, then the general ones (and the city curator's template of the org).
      expect(ids.indexOf(subject.id)).toBeLessThan(ids.indexOf(topic.id));
      expect(ids.indexOf(topic.id)).toBeLessThan(ids.indexOf(general.id));
      const filled = items.find((i) => i.id === subject.id)!.text;
      expect(filled).toBe(
        `По сообщению № ${r.number} (${(r.category as unknown as { name: { ru: string } }).name.ru}) по адресу Невский пр., 28: ` +
          `${r.organisation!.name.ru} выполнила работы 02.03.2026. Срок был до 10.03.2026.`,
      );
      expect(filled).not.toMatch(/[{}]/);

      // The filled text drafts the answer as it is.
      const drafted = await act(t, staff.opLight, r.id, 'draft-answer', {
        text: filled,
        result: 'explained',
      });
      expect(drafted.statusCode).toBe(200);
    });

    it('is only for whoever drafts the answer', async () => {
      const r = await driveTo(t, staff, author, 'in_progress');
      expect(errorOf(await forReport(author, r.id)).code).toBe('forbidden');
      expect(errorOf(await forReport(staff.moderator, r.id)).code).toBe('forbidden');
      // An operator of another organisation may read the public report, not draft its answer.
      expect(errorOf(await forReport(staff.opRoads, r.id)).code).toBe('forbidden');
      const hidden = await driveTo(t, staff, author, 'in_progress', { isPublic: false });
      expect((await forReport(staff.opRoads, hidden.id)).statusCode).toBe(404);
      expect((await forReport(staff.admin, r.id)).statusCode).toBe(200);
    });

    it('refuses an answer without a result, and changes nothing', async () => {
      const r = await driveTo(t, staff, author, 'in_progress');
      const before = await snapshot(t, r.id);
      const res = await act(t, staff.opLight, r.id, 'draft-answer', {
        text: 'Светильник заменён бригадой, освещение восстановлено.',
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'validation_failed', details: [{ path: 'result' }] });
      expect(await snapshot(t, r.id)).toEqual(before);
    });
  });
});
