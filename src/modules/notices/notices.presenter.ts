import type { z } from 'zod';
import { renderMarkdown } from '../../lib/markdown.ts';
import type { NoticeRow } from './notices.repo.ts';
import type { NoticeDetail, noticeFeatureSchema, noticeStatusSchema } from './notices.schemas.ts';

type Status = z.infer<typeof noticeStatusSchema>;
type Feature = z.infer<typeof noticeFeatureSchema>;

export function statusAt(row: Pick<NoticeRow, 'startsAt' | 'endsAt'>, now: Date): Status {
  if (now < row.startsAt) return 'upcoming';
  return now < row.endsAt ? 'active' : 'ended';
}

function properties(row: Omit<NoticeRow, 'description'>, now: Date) {
  return {
    title: row.title,
    kind: row.kind,
    status: statusAt(row, now),
    organisation: {
      id: row.organisationId,
      name: { ru: row.organisationNameRu, en: row.organisationNameEn },
    },
    categoryIds: row.categoryIds,
    bufferMeters: row.bufferMeters,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A notice as a GeoJSON Feature of the map's FeatureCollection (the area as drawn). */
export function presentFeature(row: Omit<NoticeRow, 'description'>, now: Date): Feature {
  return { type: 'Feature', id: row.id, geometry: row.area, properties: properties(row, now) };
}

export function presentDetail(p: {
  row: NoticeRow;
  categories: { id: string; nameRu: string; nameEn: string }[];
  updates: { id: number; text: string; createdAt: Date }[];
  linked: { total: number; open: number } | null;
  canEdit: boolean;
  now: Date;
}): NoticeDetail {
  return {
    id: p.row.id,
    ...properties(p.row, p.now),
    description: p.row.description,
    descriptionHtml: renderMarkdown(p.row.description),
    categories: p.categories.map((c) => ({ id: c.id, name: { ru: c.nameRu, en: c.nameEn } })),
    area: p.row.area,
    version: p.row.version,
    answeredAt: p.row.answeredAt ? p.row.answeredAt.toISOString() : null,
    updates: p.updates.map((u) => ({ id: u.id, text: u.text, createdAt: u.createdAt.toISOString() })),
    linkedReports: p.linked,
    canEdit: p.canEdit,
  };
}
