import type { Executor } from '../../db/connection.ts';
import { DEMO_SERVICE_ATTRIBUTES } from '../../demo/service-attributes.ts';
import { insertAttributes } from '../../modules/open311/index.ts';

/** The demo subjects' extra questions (categories given by code → id). */
export async function seedServiceAttributes(exec: Executor, categories: Map<string, string>): Promise<void> {
  await insertAttributes(
    exec,
    DEMO_SERVICE_ATTRIBUTES.filter((a) => categories.has(a.categoryCode)).map((a) => ({
      categoryId: categories.get(a.categoryCode)!,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      sortOrder: a.order,
      descriptionRu: a.descriptionRu,
      descriptionEn: a.descriptionEn,
      values: a.values ?? [],
    })),
  );
}
