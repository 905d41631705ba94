import type { Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { snippetHtml } from './knowledge.presenter.ts';
import { recordMissedSearch } from './knowledge.repo.ts';
import type { SearchQuery, SearchResult } from './knowledge.schemas.ts';
import { isCyrillic, orQuery, queryWords, synonymsOf } from './query-terms.ts';
import { lexemesOf, nearestKnownWords, searchArticles } from './search.repo.ts';

/** Words shorter than this are not corrected: too few trigrams to tell a typo from another word. */
const MIN_CORRECTED_LENGTH = 4;

/**
 * Knowledge search: the query's words, each misspelt one joined by the nearest word the articles use
 * (pg_trgm), and by the words residents use for the same thing; stemmed as the articles are (Russian
 * or English snowball); matched as an OR-query and ranked, so an article sharing most of the words
 * comes first and one sharing a few still comes.
 */
export async function searchKnowledge(
  deps: { db: Executor; clock: Clock },
  query: SearchQuery,
): Promise<SearchResult> {
  const words = queryWords(query.q);
  if (words.length === 0) return { items: [] };
  const corrections = await nearestKnownWords(
    deps.db,
    words.filter((w) => w.length >= MIN_CORRECTED_LENGTH),
  );
  const all = [...words, ...corrections.flatMap((c) => (c.nearest ? [c.nearest] : []))];
  const lexemes = await lexemesOf(
    deps.db,
    all.filter(isCyrillic),
    all.filter((w) => !isCyrillic(w)),
  );
  const tsquery = orQuery([...lexemes, ...all.flatMap(synonymsOf)]);
  const rows = tsquery
    ? await searchArticles(
        deps.db,
        tsquery,
        { locale: query.locale, category: query.category, territory: query.territory },
        query.limit,
      )
    : [];
  if (rows.length === 0) await recordMissedSearch(deps.db, words.join(' '), deps.clock.now());
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, snippet: snippetHtml(r.snippet), score: r.score })),
  };
}
