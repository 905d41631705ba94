import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { snippetHtml } from './knowledge.presenter.ts';
import { recordMissedSearch } from './knowledge.repo.ts';
import type { SearchQuery, SearchResult } from './knowledge.schemas.ts';
import { andQuery, isCyrillic, orQuery, queryWords, synonymsOf } from './query-terms.ts';
import {
  lexemesOf,
  nearestKnownWords,
  type SearchRow,
  searchAllWords,
  searchAnyTitleWord,
  withIndexScans,
} from './search.repo.ts';

/** Words shorter than this are not corrected: too few trigrams to tell a typo from another word. */
const MIN_CORRECTED_LENGTH = 4;

/**
 * Knowledge search. Each query word becomes a group: its stems (Russian or English snowball, as the
 * articles are stemmed), the stems of the nearest word the articles use when it is misspelt
 * (pg_trgm), and the words residents use for the same thing. Articles containing every group come
 * first, ranked over title and body; when they are too few, titles sharing any word fill the list.
 * A word the articles never use and that corrects to nothing cannot be in every article: it is left
 * out of the "every word" query instead of emptying it.
 */
export async function searchKnowledge(
  deps: { db: Db; clock: Clock },
  query: SearchQuery,
): Promise<SearchResult> {
  const words = queryWords(query.q);
  if (words.length === 0) return { items: [] };
  const corrections = new Map(
    (
      await nearestKnownWords(
        deps.db,
        words.filter((w) => w.length >= MIN_CORRECTED_LENGTH),
      )
    ).map((c) => [c.word, c.nearest]),
  );
  const all = [...new Set([...words, ...[...corrections.values()].flatMap((n) => (n ? [n] : []))])];
  const stems = new Map<string, string[]>();
  for (const { word, lexeme } of await lexemesOf(
    deps.db,
    all.filter(isCyrillic),
    all.filter((w) => !isCyrillic(w)),
  ))
    stems.set(word, [...(stems.get(word) ?? []), lexeme]);

  const groups: string[][] = [];
  for (const word of words) {
    const own = stems.get(word) ?? [];
    if (own.length === 0) continue; // a stop word
    const nearest = corrections.get(word);
    if (nearest === null) continue; // unknown to every article, and nothing close
    const forms = nearest ? [word, nearest] : [word];
    groups.push([...own, ...(nearest ? (stems.get(nearest) ?? []) : []), ...forms.flatMap(synonymsOf)]);
  }
  const filter = { locale: query.locale, category: query.category, territory: query.territory };
  const every = andQuery(groups);
  const any = orQuery([...stems.values()].flat().concat(all.flatMap(synonymsOf)));
  const rows = await withIndexScans(deps.db, async (tx) => {
    const found: SearchRow[] = every ? await searchAllWords(tx, every, filter, query.limit) : [];
    if (found.length >= query.limit || !any) return found;
    const loose = await searchAnyTitleWord(
      tx,
      any,
      filter,
      query.limit - found.length,
      found.map((r) => r.id),
    );
    // Below every article that has all the words, in their own order.
    const ceiling = found.at(-1)?.score ?? 1;
    const below = (score: number) => Math.round(Math.min(score * 0.1, ceiling * 0.5) * 1e5) / 1e5;
    return [...found, ...loose.map((r) => ({ ...r, score: below(r.score) }))];
  });
  if (rows.length === 0) await recordMissedSearch(deps.db, words.join(' '), deps.clock.now());
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, snippet: snippetHtml(r.snippet), score: r.score })),
  };
}
