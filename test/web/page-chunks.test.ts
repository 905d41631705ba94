import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/lib/repo-root.ts';

/**
 * Every page of the web app is a chunk of its own, loaded on its first visit (`page()` in
 * web/src/app/router.tsx; web/README.md, "Code split where it weighs"). One static import of a page
 * module from outside the pages would put that page — and what it alone uses — back into whatever
 * imports it, the main bundle for the router and the layout.
 */
const webSrc = fromRepo('web/src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const isPage = (file: string) => /[/\\]features[/\\][^/\\]+[/\\]routes[/\\]/.test(file);

describe('the web app’s pages', () => {
  it('are imported by nothing outside the pages but dynamically', () => {
    const offenders = files(webSrc)
      .filter((file) => !isPage(file))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/^import[^;]*?from '([^']+\/routes\/[^']+)'/gm)].map(
          (m) => `${path.relative(webSrc, file)} imports ${m[1]}`,
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('are each reached: named by the router through page(), or used by a page it names', () => {
    const router = readFileSync(path.join(webSrc, 'app/router.tsx'), 'utf8');
    const named = new Set(
      [...router.matchAll(/import\('\.\.\/features\/[^']+\/routes\/(\w+)'\)/g)].map((m) => m[1]),
    );
    const pages = files(webSrc).filter(isPage);
    const unreached = pages
      .map((file) => path.basename(file).replace(/\.tsx?$/, ''))
      .filter((name) => !named.has(name))
      .filter((name) => !pages.some((file) => readFileSync(file, 'utf8').includes(`/${name}'`)));
    expect(unreached).toEqual([]);
    expect(named.size).toBeGreaterThan(40);
  });
});
