import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { appealDetails } from '../../db/schema/appeals.ts';
import type { Appellant } from '../reports/reports.schemas.ts';

export async function insertAppellant(
  exec: Executor,
  reportId: string,
  a: Appellant,
  at: Date,
): Promise<void> {
  await exec.insert(appealDetails).values({
    reportId,
    fullName: a.fullName,
    email: a.email ?? null,
    postalAddress: a.postalAddress ?? null,
    createdAt: at,
  });
}

export async function findAppellant(exec: Executor, reportId: string): Promise<Appellant | undefined> {
  const [row] = await exec.select().from(appealDetails).where(eq(appealDetails.reportId, reportId)).limit(1);
  if (!row) return undefined;
  return {
    fullName: row.fullName,
    ...(row.email ? { email: row.email } : {}),
    ...(row.postalAddress ? { postalAddress: row.postalAddress } : {}),
  };
}
