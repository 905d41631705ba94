import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/lib/repo-root.ts';

/**
 * Every stylesheet of the web app is loaded on every page (web/src/main.tsx), so a class is one
 * name across all of them. A class given rules in two stylesheets is one feature's look leaking
 * into another's: reports under answer review took the polls' amber (`badge--review`), the
 * classifier's accuracies took the analytics summary's boxes (`figure`), and a link whose page was
 * loading took the offline reports' card margin (`pending`, a class react-router sets). Each class
 * that begins a rule is defined in one stylesheet; another may only style it inside its own
 * (`.chart-grid .chart`).
 */
const styles = fromRepo('web/src/styles');

/** Class names that begin a rule (at the start of a line: a selector, or one of a list). */
function classesDefined(css: string): Set<string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return new Set([...withoutComments.matchAll(/^\s*\.([a-zA-Z][\w-]*)(?=[\s,{:.[>])/gm)].map((m) => m[1]!));
}

describe('the web app’s stylesheets', () => {
  it('give each class its rules in one stylesheet', () => {
    const definedIn = new Map<string, string[]>();
    for (const file of readdirSync(styles).filter((f) => f.endsWith('.css'))) {
      for (const name of classesDefined(readFileSync(path.join(styles, file), 'utf8')))
        definedIn.set(name, [...(definedIn.get(name) ?? []), file]);
    }
    const shared = [...definedIn]
      .filter(([, files]) => files.length > 1)
      .map(([n, f]) => `.${n}: ${f.join(', ')}`);
    expect(shared).toEqual([]);
    expect(definedIn.size).toBeGreaterThan(200);
  });

  it('do not style the classes react-router gives links (active, pending, transitioning) on their own', () => {
    const all = readdirSync(styles)
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(path.join(styles, f), 'utf8'))
      .join('\n');
    expect(
      [...classesDefined(all)].filter((n) => ['active', 'pending', 'transitioning'].includes(n)),
    ).toEqual([]);
  });
});
