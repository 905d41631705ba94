/**
 * HTML the server rendered from Markdown with src/lib/markdown.ts: markdown-it with raw HTML off and
 * only safe link targets, so nothing in it can run. Nothing else may be passed here.
 */
export function SafeHtml({ html, className = 'markdown' }: { html: string; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered safe Markdown (no raw HTML, safe links only).
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
