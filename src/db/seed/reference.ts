import type { Db } from '../../db/connection.ts';
import { CATEGORY_TREE } from '../../demo/categories.ts';
import { CITY, DISTRICTS_BY_CODE, loadDemoGeo } from '../../demo/districts.ts';
import { ORGANISATIONS, ROUTING_RULES } from '../../demo/organisations.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from '../../demo/users.ts';
import { hashPassword, insertUser, normaliseEmail } from '../../modules/identity/index.ts';
import * as ref from '../../modules/reference/index.ts';
import { seedServiceAttributes } from './service-attributes.ts';

export type ReferenceIds = {
  territories: Map<string, string>;
  categories: Map<string, string>;
  organisations: Map<string, string>;
  users: Map<string, string>;
};

/**
 * The demo region's reference data: the city and its 18 districts (OpenStreetMap boundaries), the
 * category tree with SLA, organisations with their territories and subjects, the routing table and
 * the demo accounts. One transaction: either all of it is there or none.
 */
export async function seedReference(db: Db): Promise<ReferenceIds> {
  const geo = loadDemoGeo();
  // Hash outside the transaction: argon2 is deliberately slow. Once per distinct password (the demo
  // accounts share one), not once per account: ~1 s of CPU less at every first start.
  const byPassword = new Map(
    await Promise.all(
      [...new Set(DEMO_USERS.map((u) => u.password))].map(async (p) => [p, await hashPassword(p)] as const),
    ),
  );
  const hashes = new Map(DEMO_USERS.map((u) => [u.email, byPassword.get(u.password)!]));
  const ids = await db.transaction(async (tx) => {
    const territories = new Map<string, string>();
    const cityId = await ref.insertTerritory(tx, {
      parentId: null,
      kind: 'region',
      code: CITY.code,
      nameRu: CITY.nameRu,
      nameEn: CITY.nameEn,
      geojson: JSON.stringify(geo.city.geometry),
    });
    territories.set(CITY.code, cityId);
    for (const f of geo.districts) {
      const d = DISTRICTS_BY_CODE.get(f.code)!;
      territories.set(
        d.code,
        await ref.insertTerritory(tx, {
          parentId: cityId,
          kind: 'district',
          code: d.code,
          nameRu: d.nameRu,
          nameEn: d.nameEn,
          geojson: JSON.stringify(f.geometry),
        }),
      );
    }

    const categories = new Map<string, string>();
    let order = 0;
    for (const topic of CATEGORY_TREE) {
      const topicId = await ref.insertCategory(tx, {
        code: topic.code,
        nameRu: topic.nameRu,
        nameEn: topic.nameEn,
        sortOrder: order++,
      });
      categories.set(topic.code, topicId);
      for (const s of topic.children) {
        categories.set(
          s.code,
          await ref.insertCategory(tx, {
            parentId: topicId,
            code: s.code,
            nameRu: s.nameRu,
            nameEn: s.nameEn,
            slaDays: s.slaDays,
            // Moderation within working hours: half a day for urgent faults, one working day otherwise.
            moderationHours: s.slaDays <= 2 ? 4 : 8,
            sortOrder: order++,
          }),
        );
      }
    }

    // Open311 service definitions: extra questions of a few subjects (branch open311).
    await seedServiceAttributes(tx, categories);

    const organisations = new Map<string, string>();
    for (const o of ORGANISATIONS) {
      const territoryIds = o.territoryCodes.map((c) => territories.get(c)!);
      const categoryIds = o.categoryCodes.map((c) => categories.get(c)!);
      organisations.set(
        o.code,
        await ref.insertOrganisation(
          tx,
          {
            code: o.code,
            kind: o.kind,
            nameRu: o.nameRu,
            nameEn: o.nameEn,
            phone: o.phone ?? null,
            email: o.email ?? null,
            workingHours: o.workingHours ?? null,
          },
          territoryIds,
          categoryIds,
        ),
      );
    }
    await ref.insertRoutingRules(
      tx,
      ROUTING_RULES.map((r) => ({
        categoryId: categories.get(r.categoryCode)!,
        territoryId: r.territoryCode === CITY.code ? null : territories.get(r.territoryCode)!,
        organisationId: organisations.get(r.organisationCode)!,
      })),
    );

    const users = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const row = await insertUser(tx, {
        email: normaliseEmail(u.email),
        passwordHash: hashes.get(u.email)!,
        name: u.name,
        role: u.role,
        organisationId: u.organisationCode ? organisations.get(u.organisationCode)! : null,
        territoryId: u.territoryCode ? territories.get(u.territoryCode)! : null,
      });
      if (row) users.set(u.email, row.id);
    }
    // Every organisation gets an operator account, so each one's queue can be tried in the demo.
    const operatorHash = hashes.get(DEMO_USERS[0]!.email)!;
    for (const [code, organisationId] of organisations) {
      const email = `operator.${code}@${DEMO_EMAIL_DOMAIN}`;
      const row = await insertUser(tx, {
        email,
        passwordHash: operatorHash,
        name: `Оператор (${code})`,
        role: 'operator',
        organisationId,
      });
      if (row) users.set(email, row.id);
    }
    return { territories, categories, organisations, users };
  });
  await ref.analyzeReferenceTables(db);
  return ids;
}
