import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';
import { type Actor, normaliseEmail } from '../identity/index.ts';
import { presentInvitation } from './staff.presenter.ts';
import * as repo from './staff-admin.repo.ts';
import type { StaffImport, StaffImportResult } from './staff-admin.schemas.ts';
import { staffRoleSchema } from './staff-admin.schemas.ts';
import {
  type InvitationDeps,
  type InviteEntry,
  issueInvitations,
  sendSoon,
} from './staff-invitations.service.ts';
import { grantProblems, managerOf, type Problem, type Reference } from './staff-scope.ts';

export const MAX_IMPORT_LINES = 1000;

const emailSchema = z.email().max(254);
const nameSchema = z.string().trim().min(2).max(120);

type CsvLine = { line: number; fields: Record<string, string> };

/**
 * The file's lines with their numbers as a spreadsheet shows them (the header is line 1). The
 * delimiter is the header's: a comma, or a semicolon as Russian spreadsheets write CSV.
 */
function readLines(csv: string): CsvLine[] {
  const text = csv.replace(/^\uFEFF/, '');
  const head = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = head.includes(';') && !head.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info` every record comes with its position (the library's types do not say so).
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new AppError('staff_import_invalid', [
      { path: `lines.${line}`, message: 'import_malformed_csv', code: 'import_malformed_csv' },
    ]);
  }
  const [header, ...rest] = records;
  const columns = (header?.record ?? []).map((c) => c.toLowerCase());
  const has = (c: string) => columns.includes(c);
  if (!has('email') || !has('name') || !has('role') || !(has('organisation') || has('territory')))
    throw new AppError('staff_import_header', [
      { path: 'lines.1', message: 'staff_import_header', code: 'staff_import_header' },
    ]);
  if (rest.length > MAX_IMPORT_LINES) throw new AppError('staff_import_too_many');
  return rest.map(({ record, info }) => ({
    line: info.lines,
    fields: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])),
  }));
}

/** An organisation or territory named by its code or its id. */
function byCodeOrId<T extends repo.NamedRow>(items: T[]): (v: string) => T | undefined {
  const map = new Map<string, T>();
  for (const i of items) {
    map.set(i.id, i);
    map.set(i.code.toLowerCase(), i);
  }
  return (v) => map.get(v.toLowerCase());
}

/**
 * Bulk invitation from CSV (email, name, role, organisation, territory; organisation and territory by
 * code or id). Every line is checked and every problem listed by line and column; when any line
 * fails nobody is invited (a half-imported team is harder to fix than a file). Otherwise each person
 * gets an invitation, as from the form.
 */
export async function importStaff(
  deps: InvitationDeps,
  actor: Actor,
  input: StaffImport,
  origin: string,
): Promise<StaffImportResult> {
  // Who may import is checked before the file is read: a refused caller learns nothing about it.
  const m = await managerOf(deps.db, actor);
  const lines = readLines(input.csv);
  const result = await deps.db.transaction(async (tx) => {
    const [organisations, territories] = await Promise.all([
      repo.allOrganisations(tx),
      repo.allTerritories(tx),
    ]);
    const org = byCodeOrId(organisations);
    const ter = byCodeOrId(territories);
    const ref: Reference = {
      organisations: new Map(organisations.map((o) => [o.id, o])),
      territories: new Map(territories.map((t) => [t.id, t])),
    };
    const details: ErrorDetail[] = [];
    const entries: { line: number; entry: InviteEntry }[] = [];
    const seen = new Map<string, number>();
    for (const { line, fields } of lines) {
      const problems: Problem[] = [];
      const email = normaliseEmail(fields.email ?? '');
      if (!emailSchema.safeParse(email).success)
        problems.push({ path: 'email', code: 'staff_import_email_invalid' });
      else if (seen.has(email)) problems.push({ path: 'email', code: 'staff_import_duplicate' });
      else seen.set(email, line);
      const name = fields.name ?? '';
      if (!nameSchema.safeParse(name).success)
        problems.push({ path: 'name', code: 'staff_import_name_invalid' });
      const role = staffRoleSchema.safeParse((fields.role ?? '').toLowerCase());
      if (!role.success) problems.push({ path: 'role', code: 'staff_import_role_invalid' });
      const orgText = fields.organisation ?? '';
      const terText = fields.territory ?? '';
      const organisation = orgText ? org(orgText) : undefined;
      const territory = terText ? ter(terText) : undefined;
      if (orgText && !organisation) problems.push({ path: 'organisation', code: 'unknown_organisation' });
      if (terText && !territory) problems.push({ path: 'territory', code: 'unknown_territory' });
      if (role.success && problems.every((p) => p.path !== 'organisation' && p.path !== 'territory')) {
        const entry: InviteEntry = {
          email,
          name: name.trim(),
          role: role.data,
          organisationId: organisation?.id ?? null,
          territoryId: territory?.id ?? null,
          locale: input.locale,
        };
        // The columns are named as in the file, not as in the form.
        const column = (p: string) =>
          p === 'organisationId' ? 'organisation' : p === 'territoryId' ? 'territory' : p;
        problems.push(...grantProblems(m, entry, ref).map((p) => ({ ...p, path: column(p.path) })));
        entries.push({ line, entry });
      }
      for (const p of problems)
        details.push({ path: `lines.${line}.${p.path}`, message: p.code, code: p.code });
    }
    const taken = await repo.emailsTaken(tx, [...seen.keys()]);
    for (const { line, entry } of entries)
      if (taken.has(entry.email))
        details.push({
          path: `lines.${line}.email`,
          message: 'staff_account_exists',
          code: 'staff_account_exists',
        });
    if (details.length > 0) {
      details.sort((a, b) => lineOf(a.path) - lineOf(b.path));
      throw new AppError('staff_import_invalid', details);
    }
    const rows = await issueInvitations(
      tx,
      deps,
      actor,
      entries.map((e) => e.entry),
      ref,
      origin,
    );
    return { rows, ref };
  });
  sendSoon(deps);
  return {
    invited: result.rows.length,
    items: result.rows.map((r) => presentInvitation(r, result.ref, deps.clock)),
  };
}

const lineOf = (path: string) => Number(path.split('.')[1] ?? 0);
