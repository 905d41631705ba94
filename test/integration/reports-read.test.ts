import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CENTRAL_POINT,
  createTestApp,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import { buildReadingSet, type ReadingSet } from '../support/reading-set.ts';
import {
  countAudit,
  errorOf,
  fileReport,
  getReport,
  listedIds,
  listReports,
  loginStaff,
  must,
  type ReportJson,
  type Staff,
  territories,
  type Who,
} from '../support/reports.ts';

describe('reading reports: filters, visibility, queues, personal data', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let other: Session;
  let authorEmail: string;
  const r = {} as ReadingSet;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    other = await newResident(t.app);
    authorEmail = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: author.headers })).json()
      .user.email;
    Object.assign(r, await buildReadingSet(t, staff, author));
  });

  afterAll(() => t.close());

  const hiddenFromPublic = () =>
    [r.submitted, r.rejected, r.privLight, r.nevskyPriv, r.appeal].map((x) => x.id);
  const publicOnes = () =>
    [r.pubLight, r.centralAccepted, r.pothole, r.singular, r.review, r.clarified].map((x) => x.id);

  describe('filters', () => {
    it('bbox: only reports inside the box', async () => {
      const d = 0.002;
      const box = [
        CENTRAL_POINT.lon - d,
        CENTRAL_POINT.lat - d,
        CENTRAL_POINT.lon + d,
        CENTRAL_POINT.lat + d,
      ].join(',');
      const ids = await listedIds(t, null, `bbox=${box}`);
      expect(ids).toContain(r.pubLight.id);
      expect(ids).not.toContain(r.pothole.id);
    });

    it('bbox: a malformed box is refused with the bbox message', async () => {
      for (const box of ['1,2,3', 'a,b,c,d', '31,60,30,59']) {
        const res = await listReports(t, null, `bbox=${box}`);
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).details.map((x) => x.message)).toContain(
          'Ожидается bbox: minLon,minLat,maxLon,maxLat',
        );
      }
    });

    it('status: one or several, and an unknown status is refused', async () => {
      const assigned = await listedIds(t, staff.admin, 'status=assigned');
      expect(assigned).toEqual(expect.arrayContaining([r.pubLight.id, r.privLight.id, r.singular.id]));
      expect(assigned).not.toContain(r.submitted.id);
      const two = await listedIds(t, staff.admin, 'status=submitted,rejected');
      expect(two.sort()).toEqual([r.submitted.id, r.rejected.id].sort());
      expect(await listedIds(t, null, 'status=submitted,rejected')).toEqual([]);
      expect((await listReports(t, null, 'status=assigned,lost')).statusCode).toBe(400);
    });

    it('category: a topic includes its subjects; a subject only itself', async () => {
      const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items as {
        id: string;
        code: string;
      }[];
      const id = (code: string) => cats.find((c) => c.code === code)!.id;
      const lighting = await listedIds(t, null, `category=${id('lighting')}`);
      expect(lighting).toEqual(expect.arrayContaining([r.pubLight.id, r.singular.id]));
      expect(lighting).not.toContain(r.pothole.id);
      expect(await listedIds(t, null, `category=${id('road-pothole')}`)).toEqual([r.pothole.id]);
    });

    it('territory: a district, or the region with all its districts', async () => {
      const terr = await territories(t);
      expect(await listedIds(t, null, `territory=${terr.get('nevsky')!.id}`)).toEqual([r.pothole.id]);
      const region = await listedIds(t, null, `territory=${terr.get('spb')!.id}`);
      expect(region.sort()).toEqual(publicOnes().sort());
    });

    it('organisation', async () => {
      const roads = await organisationId(t.app, 'roads-directorate');
      expect(await listedIds(t, null, `organisation=${roads}`)).toEqual([r.pothole.id]);
      const light = await listedIds(t, null, `organisation=${await organisationId(t.app, 'city-light')}`);
      expect(light).toEqual(expect.arrayContaining([r.pubLight.id, r.singular.id]));
      expect(light).not.toContain(r.pothole.id);
    });

    it('q: Russian full-text search finds other word forms ("фонари" finds "фонарь")', async () => {
      const ids = await listedIds(t, null, `q=${encodeURIComponent('фонари')}`);
      expect(ids).toContain(r.singular.id); // "Фонарь мигает…"
      expect(ids).toContain(r.pubLight.id); // "…фонари…"
      expect(ids).not.toContain(r.pothole.id);
      expect(await listedIds(t, null, `q=${encodeURIComponent('ямы')}`)).toEqual([r.pothole.id]);
    });

    it('q: a report number finds that report', async () => {
      const numbered = await must(
        t,
        staff.moderator,
        (await fileReport(t, author, { text: 'Сообщение, которое найдут по номеру' })).id,
        'accept',
      );
      expect(numbered.number).toBeGreaterThanOrEqual(10);
      expect(await listedIds(t, null, `q=${numbered.number}`)).toEqual([numbered.id]);
    });

    it('pages with a stable total', async () => {
      const mine = await newResident(t.app);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await fileReport(t, mine, { text: `Сообщение номер ${i + 1} для проверки страниц` })).id);
      const pages = [];
      for (const page of [1, 2, 3]) {
        const res = (await listReports(t, mine, `queue=mine&pageSize=2&page=${page}`)).json();
        expect(res).toMatchObject({ total: 5, page, pageSize: 2 });
        pages.push(res.items.map((x: { id: string }) => x.id));
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      // Newest first, no report twice.
      expect(pages.flat()).toEqual([...ids].reverse());
      expect((await listReports(t, mine, 'queue=mine&pageSize=2&page=4')).json()).toMatchObject({
        items: [],
        total: 5,
      });
      expect((await listReports(t, mine, 'pageSize=501')).statusCode).toBe(400);
    });
  });

  describe('visibility', () => {
    it('visitors and other residents never see unmoderated, rejected, private reports or appeals', async () => {
      for (const who of [null, other] as Who[]) {
        const ids = await listedIds(t, who);
        expect(ids).toEqual(expect.arrayContaining(publicOnes()));
        expect(ids.filter((id) => hiddenFromPublic().includes(id))).toEqual([]);
        for (const id of hiddenFromPublic()) {
          const res = await getReport(t, who, id);
          expect(res.statusCode).toBe(404);
          expect(errorOf(res).code).toBe('report_not_found');
          expect(
            (
              await t.app.inject({
                method: 'GET',
                url: `/api/v1/reports/${id}/events`,
                headers: who?.headers ?? {},
              })
            ).statusCode,
          ).toBe(404);
        }
      }
    });

    it('the author sees every own report, private ones included', async () => {
      const ids = await listedIds(t, author);
      expect(ids).toEqual(expect.arrayContaining([...hiddenFromPublic(), ...publicOnes()]));
      for (const id of hiddenFromPublic()) expect((await getReport(t, author, id)).statusCode).toBe(200);
      expect((await getReport(t, author, r.privLight.id)).json()).toMatchObject({
        isMine: true,
        isPublic: false,
      });
    });

    it('an operator sees the organisation’s private reports; another organisation does not', async () => {
      expect(await listedIds(t, staff.opLight)).toContain(r.privLight.id);
      expect((await getReport(t, staff.opLight, r.privLight.id)).statusCode).toBe(200);
      expect(await listedIds(t, staff.opRoads)).not.toContain(r.privLight.id);
      expect((await getReport(t, staff.opRoads, r.privLight.id)).statusCode).toBe(404);
      expect((await getReport(t, staff.opRoads, r.submitted.id)).statusCode).toBe(404);
    });

    it('a curator sees the territory’s reports; the city curator sees every district', async () => {
      expect(await listedIds(t, staff.curatorNevsky)).toContain(r.nevskyPriv.id);
      expect(await listedIds(t, staff.curatorNevsky)).not.toContain(r.privLight.id);
      expect((await getReport(t, staff.curatorNevsky, r.privLight.id)).statusCode).toBe(404);
      expect((await getReport(t, staff.curatorNevsky, r.nevskyPriv.id)).statusCode).toBe(200);
      const city = await listedIds(t, staff.curator);
      expect(city).toEqual(expect.arrayContaining([r.nevskyPriv.id, r.privLight.id, r.submitted.id]));
    });
  });

  describe('work queues', () => {
    const queue = (who: Who, name: string) => listedIds(t, who, `queue=${name}`);

    it('moderation: what waits for a moderator, and nothing else', async () => {
      const res = (await listReports(t, staff.moderator, 'queue=moderation&pageSize=500')).json();
      expect(res.items.map((x: ReportJson) => x.id)).toContain(r.submitted.id);
      expect(new Set(res.items.map((x: ReportJson) => x.status))).toEqual(new Set(['submitted']));
      expect(res.total).toBe(res.items.length);
    });

    it('curator: accepted reports no rule could route', async () => {
      expect((await queue(staff.curator, 'curator')).sort()).toEqual(
        [r.nevskyPriv.id, r.centralAccepted.id].sort(),
      );
    });

    it('curator: a district curator gets only the district’s reports, not public ones elsewhere it cannot assign', async () => {
      expect(await queue(staff.curatorNevsky, 'curator')).toEqual([r.nevskyPriv.id]);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/reports/${r.centralAccepted.id}/actions/assign`,
            headers: staff.curatorNevsky.headers,
            payload: { organisationId: await organisationId(t.app, 'adm-tsentralny') },
          })
        ).statusCode,
      ).toBe(403);
    });

    it('organisation: the operator’s open work only', async () => {
      const light = await queue(staff.opLight, 'organisation');
      expect(light).toEqual(
        expect.arrayContaining([r.pubLight.id, r.privLight.id, r.singular.id, r.appeal.id, r.review.id]),
      );
      expect(light).not.toContain(r.pothole.id);
      expect(await queue(staff.opRoads, 'organisation')).toEqual([r.pothole.id]);
    });

    it('review: answers waiting for publication', async () => {
      expect(await queue(staff.moderator, 'review')).toEqual([r.review.id]);
      expect(await queue(staff.curator, 'review')).toEqual([r.review.id]);
    });

    it('review: a district curator gets only the district’s answers, not public ones elsewhere it cannot publish', async () => {
      expect(await queue(staff.curatorNevsky, 'review')).toEqual([]);
    });

    it('mine: the caller’s own reports', async () => {
      expect(await queue(author, 'mine')).toEqual(expect.arrayContaining(Object.values(r).map((x) => x.id)));
      expect(await queue(other, 'mine')).toEqual([]);
    });

    it.each([
      ['resident', 'moderation'],
      ['resident', 'curator'],
      ['resident', 'organisation'],
      ['resident', 'review'],
      ['opLight', 'moderation'],
      ['opLight', 'curator'],
      ['opLight', 'review'],
      ['analyst', 'moderation'],
      ['analyst', 'organisation'],
      ['moderator', 'curator'],
      ['moderator', 'organisation'],
      ['curator', 'organisation'],
    ])('refuses a %s the %s queue with 403', async (role, name) => {
      const who = role === 'resident' ? other : staff[role as keyof Staff];
      const res = await listReports(t, who, `queue=${name}`);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
    });

    it('asks a visitor to sign in for any queue', async () => {
      const res = await listReports(t, null, 'queue=mine');
      expect(res.statusCode).toBe(401);
    });
  });

  describe('personal data', () => {
    const read = async (who: Who, id: string) => {
      const before = await countAudit(t, 'report.read_personal_data', id);
      const res = await getReport(t, who, id);
      expect(res.statusCode).toBe(200);
      return {
        body: res.json() as ReportJson,
        audited: (await countAudit(t, 'report.read_personal_data', id)) - before,
      };
    };

    it.each(['moderator', 'admin', 'curator', 'opLight'] as const)(
      'is shown to the %s who handles the report, and the read is audited',
      async (role) => {
        const { body, audited } = await read(staff[role], r.privLight.id);
        expect(body.author).toEqual({ name: 'Тестовый Житель', email: authorEmail });
        expect(audited).toBe(1);
      },
    );

    it('is never shown to an analyst, a visitor, another resident, another organisation or another district', async () => {
      for (const who of [staff.analyst, null, other, staff.opRoads, staff.curatorNevsky] as Who[]) {
        const { body, audited } = await read(who, r.pubLight.id);
        expect(body.author).toBeNull();
        expect(JSON.stringify(body)).not.toContain(authorEmail);
        expect(audited).toBe(0);
      }
      const analystView = await read(staff.analyst, r.privLight.id);
      expect(analystView.body.author).toBeNull();
      expect(analystView.audited).toBe(0);
    });

    it('is not repeated back to the author (no audit for reading your own report)', async () => {
      const { body, audited } = await read(author, r.privLight.id);
      expect(body.author).toBeNull();
      expect(audited).toBe(0);
    });

    it('is shown in the answer to a staff action too, and that read is audited once (the filing is not)', async () => {
      const filed = await fileReport(t, author, { text: 'Сообщение для проверки аудита ответа на действие' });
      expect(await countAudit(t, 'report.read_personal_data', filed.id)).toBe(0);
      const accepted = await must(t, staff.moderator, filed.id, 'accept');
      expect(accepted.author).toEqual({ name: 'Тестовый Житель', email: authorEmail });
      expect(await countAudit(t, 'report.read_personal_data', filed.id)).toBe(1);
    });

    it('never appears in lists or timelines, even for staff', async () => {
      for (const who of [staff.moderator, staff.admin, staff.opLight]) {
        expect((await listReports(t, who, 'pageSize=500')).body).not.toContain(authorEmail);
        expect(
          (
            await t.app.inject({
              method: 'GET',
              url: `/api/v1/reports/${r.privLight.id}/events`,
              headers: who.headers,
            })
          ).body,
        ).not.toContain(authorEmail);
      }
    });
  });

  describe('timeline', () => {
    const types = async (who: Who, id: string) =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/reports/${id}/events`,
            headers: who?.headers ?? {},
          })
        ).json().items as { type: string }[]
      ).map((e) => e.type);

    it('shows the author every event, internal ones included', async () => {
      expect(await types(author, r.clarified.id)).toEqual([
        'submitted',
        'clarification_requested',
        'clarified',
        'accepted',
        'routed',
      ]);
    });

    it('hides internal events (clarification, drafts) and their text from the public', async () => {
      for (const who of [null, other] as Who[]) {
        expect(await types(who, r.clarified.id)).toEqual(['submitted', 'accepted', 'routed']);
        const body = (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/reports/${r.clarified.id}/events`,
            headers: who?.headers ?? {},
          })
        ).body;
        expect(body).not.toContain('секретная подробность');
        expect(await types(who, r.review.id)).toEqual(['submitted', 'accepted', 'routed', 'started']);
      }
    });
  });
});
