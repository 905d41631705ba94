import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databaseFreeUnitTests, touchesNoDatabase } from './database-free.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the unit tests a database-server run leaves to the embedded run', () => {
  it('keeps every unit test that opens a database or picks its engine', () => {
    const free = databaseFreeUnitTests(root);
    for (const file of [
      'src/db/seed/demo-seed.test.ts',
      'src/db/pglite-base.test.ts',
      'src/cli/main.test.ts',
      'src/server/config.test.ts',
    ])
      expect(free, file).not.toContain(file);
  });

  it('leaves out those that touch none, and only files under src/', () => {
    const free = databaseFreeUnitTests(root);
    expect(free).toContain('src/modules/classifier/letter.test.ts');
    expect(free).toContain('src/lib/working-days.test.ts');
    expect(free.every((file) => file.startsWith('src/') && file.endsWith('.test.ts'))).toBe(true);
  });

  it('reads the imports and names that lead to a database', () => {
    expect(touchesNoDatabase("import { parse } from './hours.ts';")).toBe(true);
    expect(touchesNoDatabase("import { openTestDatabase } from '../../test/support/template.ts';")).toBe(
      false,
    );
    expect(touchesNoDatabase("import { createTestApp } from '../../test/support/app.ts';")).toBe(false);
    expect(touchesNoDatabase("import { type Database } from '../connection.ts';")).toBe(false);
    expect(touchesNoDatabase("import { runsOn } from '../../test/support/suite-engine.ts';")).toBe(false);
    expect(touchesNoDatabase('const url = process.env.DATABASE_URL;')).toBe(false);
  });
});
