import { describe, expect, it } from 'vitest';
import { StatementShapes } from './statement-shapes.ts';

describe('statement shapes: names for per-request statement texts, bounded', () => {
  it('names a text from its second sighting on, always with the same name', () => {
    const shapes = new StatementShapes('list');
    expect(shapes.nameFor('SELECT 1')).toBeUndefined();
    const name = shapes.nameFor('SELECT 1');
    expect(name).toMatch(/^list_[\w-]{24}$/);
    expect(shapes.nameFor('SELECT 1')).toBe(name);
    shapes.nameFor('SELECT 2');
    expect(shapes.nameFor('SELECT 2')).not.toBe(name);
  });

  it('gives two processes the same name for the same text (a name is the text digest)', () => {
    const a = new StatementShapes('list', 10, 1);
    const b = new StatementShapes('list', 10, 1);
    expect(a.nameFor('SELECT $1')).toBe(b.nameFor('SELECT $1'));
  });

  it('names at most maxNamed texts; later ones run unnamed, earlier ones keep their names', () => {
    const shapes = new StatementShapes('list', 3, 1);
    const names = ['a', 'b', 'c'].map((x) => shapes.nameFor(`SELECT '${x}'`));
    expect(names.every((n) => n !== undefined)).toBe(true);
    expect(shapes.nameFor("SELECT 'd'")).toBeUndefined();
    expect(shapes.nameFor("SELECT 'd'")).toBeUndefined();
    expect(shapes.nameFor("SELECT 'a'")).toBe(names[0]);
  });

  it('forgets its sightings when a flood of one-off texts fills the count, naming none of them', () => {
    const shapes = new StatementShapes('list', 100, 2, 50);
    for (let i = 0; i < 500; i++) expect(shapes.nameFor(`SELECT ${i}`)).toBeUndefined();
    // The flood named nothing; a text seen twice after it is named as usual.
    shapes.nameFor('SELECT true');
    expect(shapes.nameFor('SELECT true')).toBeDefined();
  });
});
