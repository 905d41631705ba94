import { describe, expect, it } from 'vitest';
import { isSafeLink, markdownProblems, markdownText, renderMarkdown } from './markdown.ts';

describe('safe Markdown', () => {
  it('renders formatting and safe links, with rel on outside links', () => {
    const html = renderMarkdown('**Важно**: см. [график](https://spb.example/plan) и [раздел](/knowledge/1)');
    expect(html).toContain('<strong>Важно</strong>');
    expect(html).toContain(
      'href="https://spb.example/plan" rel="noopener noreferrer nofollow ugc" target="_blank"',
    );
    expect(html).toContain('<a href="/knowledge/1">');
  });

  it('never emits raw HTML or a script link, even for a text stored before the checks', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
  });

  it('finds raw HTML and unsafe links, images included', () => {
    expect(markdownProblems('plain *text* with [a link](https://example.org)')).toEqual([]);
    expect(markdownProblems('<b>bold</b>')).toEqual(['markdown_html']);
    expect(markdownProblems('<div>\nblock\n</div>')).toEqual(['markdown_html']);
    expect(markdownProblems('[x](javascript:alert(1))')).toEqual(['markdown_link']);
    expect(markdownProblems('![x](data:image/svg+xml;base64,AAAA)')).toEqual(['markdown_link']);
    expect(markdownProblems('[x](JaVaScRiPt:alert(1)) <i>y</i>').sort()).toEqual([
      'markdown_html',
      'markdown_link',
    ]);
  });

  it('classifies link targets', () => {
    for (const ok of ['https://a.ru', 'http://a.ru/x', 'mailto:a@b.ru', '/path', '#anchor', 'relative/page'])
      expect(isSafeLink(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      ' vbscript:x',
      'data:text/html,x',
      '//evil.example',
      'file:///etc',
    ])
      expect(isSafeLink(bad), bad).toBe(false);
  });

  it('refuses unsafe text through the schema with the catalogue messages', () => {
    const schema = markdownText(100);
    expect(schema.safeParse('fine').success).toBe(true);
    const result = schema.safeParse('<script>x</script>');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['vmeste:markdown_html']);
    expect(schema.safeParse('x'.repeat(101)).success).toBe(false);
  });
});
