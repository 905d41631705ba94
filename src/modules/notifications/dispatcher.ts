import type { Db, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ReportFacts } from '../reports/index.ts';
import * as repo from './dispatch.repo.ts';
import type { Mailer } from './mailer.ts';
import type { NewNotification } from './notifications.repo.ts';
import { type Audience, audiencesFor, type Candidate, pickRecipients } from './recipient-rules.ts';
import { type Email, renderAppealAnswer, renderEmail } from './templates.ts';
import { renderTopicEmail, topicLink } from './topics.ts';

export type DispatchDeps = {
  db: Db;
  clock: Clock;
  /** Null: no SMTP server configured, notifications are in-app only. */
  mailer: Mailer | null;
  /** Where links in e-mails point (the platform's public address). */
  baseUrl: string;
};

const BATCH = 500;
/**
 * Event ids are taken when a transaction inserts, not when it commits: a slow transaction can
 * commit id 10 after id 11 was already dispatched. Each run therefore looks this many ids behind
 * the cursor again; the unique (event, person) pair makes the second look harmless.
 */
export const LOOKBACK = 100;
/** After this many failed attempts an e-mail is given up (the in-app notification stays). */
export const MAX_EMAIL_ATTEMPTS = 5;
const EMAIL_BATCH = 100;

type Recipient = Candidate & { wantsEmail: boolean };

/**
 * The answer to a 59-ФЗ appeal is sent to the address the appellant gave, whatever their
 * notification settings: it is the official reply, not a notification (templates.ts renders it).
 */
function isAppealAnswerLetter(e: repo.EventWithReport, person: Recipient): boolean {
  return e.type === 'answer_published' && e.kind === 'appeal' && person.audience === 'author';
}

function factsOfEvent(e: repo.EventWithReport): ReportFacts {
  return {
    status: e.status,
    kind: e.kind,
    authorId: e.authorId,
    isPublic: e.reportIsPublic,
    organisationId: e.organisationId,
    territoryId: e.territoryId,
    territoryParentId: e.territoryParentId,
    answeredAt: e.answeredAt,
    ratedCurrentAnswer: false,
  };
}

/** Everyone who might hear about the events of one batch, fetched in four queries. */
async function loadCandidates(tx: Tx, events: repo.EventWithReport[]) {
  const uniq = <T>(xs: (T | null)[]) => [...new Set(xs.filter((x): x is T => x !== null))];
  const [authors, followers, operators, curators] = await Promise.all([
    repo.findPeople(tx, uniq(events.map((e) => e.authorId))),
    repo.findFollowers(tx, uniq(events.map((e) => e.reportId))),
    repo.findOperators(tx, uniq(events.map((e) => e.organisationId))),
    repo.findCurators(tx, uniq(events.flatMap((e) => [e.territoryId, e.territoryParentId]))),
  ]);
  return (e: repo.EventWithReport, audiences: readonly Audience[]): Recipient[] => {
    const groups: Record<Audience, repo.Person[]> = {
      author: authors.filter((p) => p.id === e.authorId),
      followers: followers.filter((p) => p.reportId === e.reportId),
      operators: operators.filter((p) => e.organisationId !== null && p.organisationId === e.organisationId),
      curators: curators.filter(
        (p) =>
          p.territoryId !== null &&
          (p.territoryId === e.territoryId || p.territoryId === e.territoryParentId),
      ),
    };
    // Author first, then followers, then staff: a person in two groups is told once, as the first.
    const order: Audience[] = ['author', 'followers', 'operators', 'curators'];
    return order
      .filter((a) => audiences.includes(a))
      .flatMap((a) =>
        groups[a].map((p) => ({
          id: p.id,
          role: p.role,
          organisationId: p.organisationId,
          territoryId: p.territoryId,
          wantsEmail: p.wantsEmail,
          audience: a,
        })),
      );
  };
}

/**
 * Reads the timeline after the durable cursor and writes one notification per event and person
 * (with its e-mail queued per the person's preference), then moves the cursor, all in one
 * transaction that holds the cursor's row lock: two runs (two nodes) never interleave, and a run
 * that dies changes nothing. Running it again writes nothing new.
 */
export async function dispatchNotifications(
  deps: DispatchDeps,
): Promise<{ events: number; notifications: number }> {
  let events = 0;
  let written = 0;
  await repo.ensureCursor(deps.db, deps.clock.now());
  for (;;) {
    const more = await deps.db.transaction(async (tx) => {
      const cursor = (await repo.lockCursor(tx)) ?? 0;
      const batch = await repo.eventsAfter(tx, Math.max(0, cursor - LOOKBACK), BATCH);
      const last = batch.at(-1)?.id ?? cursor;
      if (batch.length === 0) return false;
      const candidatesOf = await loadCandidates(tx, batch);
      const rows: NewNotification[] = [];
      for (const e of batch) {
        const audiences = audiencesFor(e);
        if (audiences.length === 0) continue;
        for (const person of pickRecipients(e, factsOfEvent(e), candidatesOf(e, audiences))) {
          rows.push({
            userId: person.id,
            eventId: e.id,
            reportId: e.reportId,
            audience: person.audience,
            createdAt: e.createdAt,
            emailStatus:
              deps.mailer && (person.wantsEmail || isAppealAnswerLetter(e, person)) ? 'pending' : 'off',
          });
        }
      }
      written += await repo.insertNotifications(tx, rows);
      if (last > cursor) {
        events += batch.filter((e) => e.id > cursor).length;
        await repo.advanceCursor(tx, last, deps.clock.now());
      }
      return last > cursor && batch.length === BATCH;
    });
    if (!more) break;
  }
  return { events, notifications: written };
}

/**
 * Sends the queued e-mails, each in its reader's language. A failure leaves the e-mail queued for
 * the next run, up to MAX_EMAIL_ATTEMPTS; one bad address does not hold up the others.
 */
function emailOf(m: repo.OutgoingEmail, base: string, settings: string): Email {
  if (m.reportId === null || m.reportNumber === null) {
    const subject = `${base}${m.link ?? topicLink(m.topic ?? '', m.subjectId ?? '')}`;
    return renderTopicEmail({ topic: m.topic ?? '', subjectTitle: m.subjectTitle ?? '' }, m.locale, {
      subject,
      settings,
    });
  }
  const links = { report: `${base}/reports/${m.reportId}`, settings };
  return m.appealAnswer
    ? renderAppealAnswer({ reportNumber: m.reportNumber, ...m.appealAnswer }, m.locale, links)
    : renderEmail(
        { type: m.type, reportNumber: m.reportNumber, toStatus: m.toStatus, actorRole: m.actorRole },
        m.locale,
        links,
      );
}

export async function sendPendingEmails(deps: DispatchDeps): Promise<{ sent: number; failed: number }> {
  if (!deps.mailer) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  // One pass over what is queued now: a failing server is retried by the next run, not in a loop.
  const claimed = await repo.claimPendingEmails(deps.db, EMAIL_BATCH);
  for (const m of claimed) {
    const base = deps.baseUrl.replace(/\/$/, '');
    const settings = `${base}/profile`;
    const email = emailOf(m, base, settings);
    try {
      await deps.mailer.send(m.email, email);
      await repo.setEmailStatus(deps.db, m.id, 'sent');
      sent++;
    } catch {
      failed++;
      await repo.setEmailStatus(deps.db, m.id, m.attempts >= MAX_EMAIL_ATTEMPTS ? 'failed' : 'pending');
    }
  }
  return { sent, failed };
}
