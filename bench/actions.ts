/**
 * The report page and the staff's everyday actions as bench scenarios (issue 17): each action runs at
 * the bench's concurrency over the reports the previous step left in its status — the intake
 * scenario files them, `accept` moderates them, the curator assigns those no rule routed, the
 * organisations' operators start, draft, submit, and the moderator publishes. A scenario stops when
 * its reports run out (never a conflict counted as an error).
 */
import type pg from 'pg';
import { hashPassword } from '../src/modules/identity/index.ts';

export const ACTION_SCENARIOS = [
  'accept',
  'assign',
  'start',
  'draft-answer',
  'submit-answer',
  'publish-answer',
] as const;
export type ActionScenario = (typeof ACTION_SCENARIOS)[number];

/** The status an action's reports must be in. */
const FROM: Record<ActionScenario, string> = {
  accept: 'submitted',
  assign: 'accepted',
  start: 'assigned',
  'draft-answer': 'in_progress',
  'submit-answer': 'answer_drafted',
  'publish-answer': 'answer_review',
};

export type Staff = {
  moderator: string;
  curator: string;
  /** Operator tokens by organisation id. */
  operators: Map<string, string>;
  /** An active organisation the curator assigns to. */
  assignTo: string;
};

type Query = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;

/**
 * Staff accounts are made by an administrator, not by sign-up: the bench writes a region-wide curator
 * and one operator per active organisation directly, then signs each in.
 */
export async function createStaff(
  query: Query,
  signIn: (email: string) => Promise<string>,
  password: string,
  moderatorToken: string,
): Promise<Staff> {
  const hash = await hashPassword(password);
  const stamp = Date.now();
  const [region] = await query<{ id: string }>(
    `SELECT id FROM territories WHERE parent_id IS NULL ORDER BY code LIMIT 1`,
  );
  const curatorEmail = `bench-curator-${stamp}@example.org`;
  await query(
    `INSERT INTO users (email, password_hash, name, role, territory_id) VALUES ($1, $2, 'Bench Curator', 'curator', $3)`,
    [curatorEmail, hash, region!.id],
  );
  const orgs = await query<{ id: string }>(`SELECT id FROM organisations WHERE is_active ORDER BY code`);
  const operators = new Map<string, string>();
  for (const [i, org] of orgs.entries()) {
    const email = `bench-operator-${stamp}-${i}@example.org`;
    await query(
      `INSERT INTO users (email, password_hash, name, role, organisation_id) VALUES ($1, $2, 'Bench Operator', 'operator', $3)`,
      [email, hash, org.id],
    );
    operators.set(org.id, await signIn(email));
  }
  return {
    moderator: moderatorToken,
    curator: await signIn(curatorEmail),
    operators,
    assignTo: orgs[0]!.id,
  };
}

/** One request of an action scenario: the report and who acts on it. */
export type ActionWork = { path: string; token: string; body: object };

/**
 * The demo region's rules route every subject the intake files, so nothing waits for the curator
 * after `accept`: the assign scenario's reports are seeded from those still submitted — half of
 * them, moderated as if no rule had matched (what `accept` writes then, without its timeline).
 */
async function seedCuratorQueue(query: Query): Promise<void> {
  await query(
    `UPDATE reports SET status = 'accepted',
            routing = '{"method":"curator","reason":"no_rule","candidateOrganisationIds":[]}'::jsonb
      WHERE id IN (SELECT id FROM reports WHERE status = 'submitted' AND number % 2 = 0)`,
  );
}

/** The reports now in the action's status, each with the token of the staff member who may act. */
export async function actionWork(query: Query, staff: Staff, action: ActionScenario): Promise<ActionWork[]> {
  if (action === 'assign') await seedCuratorQueue(query);
  const rows = await query<{ id: string; organisationId: string | null }>(
    `SELECT id, organisation_id AS "organisationId" FROM reports WHERE status = $1 ORDER BY number`,
    [FROM[action]],
  );
  const work: ActionWork[] = [];
  for (const r of rows) {
    const token =
      action === 'accept' || action === 'publish-answer'
        ? staff.moderator
        : action === 'assign'
          ? staff.curator
          : r.organisationId
            ? staff.operators.get(r.organisationId)
            : undefined;
    if (!token) continue;
    work.push({
      path: `/api/v1/reports/${r.id}/actions/${action}`,
      token,
      body:
        action === 'assign'
          ? { organisationId: staff.assignTo }
          : action === 'draft-answer'
            ? { text: 'Неисправность устранена бригадой, проверено на месте.', result: 'solved' }
            : {},
    });
  }
  return work;
}

/** The action targets of issue 17: p50 < 20 ms and p99 < 60 ms at concurrency 16. */
export function actionVerdict(r: { p50: number; p99: number; requests: number }): string {
  if (r.requests === 0) return 'no reports in its status: NOT measured';
  return `p50 < 20 ms ${r.p50 < 20 ? 'met' : 'NOT met'}; p99 < 60 ms ${r.p99 < 60 ? 'met' : 'NOT met'}`;
}
