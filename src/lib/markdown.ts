import MarkdownIt from 'markdown-it';
import { z } from 'zod';

/*
 * Safe Markdown for texts that staff and residents write (poll descriptions, articles, discussion
 * texts, comments). Two layers on purpose: the schema refuses raw HTML and unsafe links with a
 * specific message, so the author learns what to change and nothing dangerous is stored; and the
 * renderer never emits raw HTML or an unsafe link anyway, so a text stored before a rule existed
 * (or imported) still cannot run in a reader's browser.
 */

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/** A link target we render: http(s), mailto, or a path/anchor within the site. */
export function isSafeLink(href: string): boolean {
  const trimmed = href.trim();
  if (trimmed === '') return false;
  // No scheme: relative paths and anchors. A scheme is letters before the first ':' (before any '/').
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return !trimmed.startsWith('//');
  return SAFE_SCHEME.test(trimmed);
}

const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false });
renderer.validateLink = isSafeLink;
const defaultLinkOpen =
  renderer.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^(https?:)?\/\//i.test(String(token.attrGet('href') ?? ''))) {
    token.attrSet('rel', 'noopener noreferrer nofollow ugc');
    token.attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML of a Markdown text: no raw HTML passes, unsafe links stay plain text. */
export function renderMarkdown(text: string): string {
  return renderer.render(text);
}

// A second parser that keeps raw HTML and every link as tokens, only to find them for the checks.
const inspector = new MarkdownIt({ html: true, linkify: true });
inspector.validateLink = () => true;

const problemMessages = {
  markdown_html: 'vmeste:markdown_html',
  markdown_link: 'vmeste:markdown_link',
} as const;

export type MarkdownProblem = keyof typeof problemMessages;

/** What a Markdown text contains that we refuse: raw HTML, links or images with unsafe targets. */
export function markdownProblems(text: string): MarkdownProblem[] {
  const problems = new Set<MarkdownProblem>();
  const visit = (tokens: ReturnType<typeof inspector.parse>) => {
    for (const token of tokens) {
      if (token.type === 'html_block' || token.type === 'html_inline') problems.add('markdown_html');
      const target =
        token.type === 'link_open'
          ? token.attrGet('href')
          : token.type === 'image'
            ? token.attrGet('src')
            : null;
      if (target !== null && !isSafeLink(String(target))) problems.add('markdown_link');
      if (token.children) visit(token.children);
    }
  };
  visit(inspector.parse(text, {}));
  return [...problems];
}

/** A Markdown field of at most `max` characters, refused with a specific message when unsafe. */
export function markdownText(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      for (const problem of markdownProblems(value))
        ctx.addIssue({ code: 'custom', message: problemMessages[problem] });
    });
}
