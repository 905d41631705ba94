import type { Session, TestApp } from './app.ts';

export type ArticleJson = {
  id: string;
  title: string;
  status: string;
  version: number;
  bodyHtml: string;
  reviewBy: string | null;
  translations: { id: string; locale: string; title: string }[];
};

/** Writes an article through the API as `editor`; published unless said otherwise. */
export async function writeArticle(
  t: TestApp,
  editor: Session,
  article: { title: string; body: string } & Record<string, unknown>,
): Promise<ArticleJson> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/knowledge/articles',
    headers: editor.headers,
    payload: { status: 'published', ...article },
  });
  if (res.statusCode !== 201) throw new Error(`article: ${res.statusCode} ${res.body}`);
  return res.json() as ArticleJson;
}

export type SearchItem = { id: string; title: string; snippet: string; score: number };

export async function searchArticles(t: TestApp, q: string, extra = ''): Promise<SearchItem[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/knowledge/search?q=${encodeURIComponent(q)}${extra}`,
  });
  if (res.statusCode !== 200) throw new Error(`search: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: SearchItem[] }).items;
}
