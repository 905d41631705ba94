/**
 * drizzle-kit writes `"public".` into foreign keys. Every table must live in the schema named by
 * DB_SCHEMA (one region per schema), so generated migrations are rewritten to be schema-free and
 * run under the connection's search_path. Run after `drizzle-kit generate` (npm run db:generate).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const schemaQualifier = /"public"\./g;

export function stripSchemaQualifiers(sql: string): string {
  return sql.replace(schemaQualifier, '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve('migrations');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const full = path.join(dir, file);
    const before = readFileSync(full, 'utf8');
    const after = stripSchemaQualifiers(before);
    if (after !== before) {
      writeFileSync(full, after);
      console.log(`stripped schema qualifiers from ${file}`);
    }
  }
}
