import { renderMarkdown } from '../../lib/markdown.ts';
import type { ArticleRow, NamedRef } from './knowledge.repo.ts';
import type { Article } from './knowledge.schemas.ts';
import { queryWords } from './query-terms.ts';
import { MARK_END, MARK_START } from './search.repo.ts';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The text a reader sees of a Markdown body, without markup: what search stems and quotes. */
export function plainTextOf(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words an article teaches the typo corrector (long enough to be worth correcting towards). */
export function termsOf(title: string, plain: string): string[] {
  return [
    ...new Set([...queryWords(title), ...queryWords(plain)].filter((w) => w.length >= 4 && w.length <= 40)),
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** ts_headline's text with our markers → escaped HTML where only <mark> is markup. */
export function snippetHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

const named = (r: NamedRef) => ({ id: r.id, name: { ru: r.nameRu, en: r.nameEn } });

export function presentArticle(
  row: ArticleRow,
  links: { categories: NamedRef[]; territories: NamedRef[] },
  translations: Article['translations'],
): Article {
  return {
    id: row.id,
    locale: row.locale,
    translationOf: row.translationOf,
    translations,
    title: row.title,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    status: row.status,
    categories: links.categories.map(named),
    territories: links.territories.map(named),
    lastReviewedOn: row.lastReviewedOn,
    reviewBy: row.reviewBy,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
  };
}
