import type { UserRole } from '../../db/schema/identity.ts';
import type { Actor } from '../identity/index.ts';
import { canView, isPubliclyVisible, type ReportFacts } from '../reports/index.ts';

/**
 * Who hears about a timeline event. Each event type maps to the groups of people it concerns;
 * a type not listed gets the default (public events: the author and the followers; internal
 * events: nobody), so a new event type plugs in with one line here.
 */
export type Audience = 'author' | 'followers' | 'operators' | 'curators';

export type TimelineEvent = {
  id: number;
  type: string;
  isPublic: boolean;
  actorId: string | null;
  payload: Record<string, unknown>;
};

type Rule = readonly Audience[] | ((event: TimelineEvent) => readonly Audience[]);

const publicUpdate: readonly Audience[] = ['author', 'followers'];

export const recipientRules: Record<string, Rule> = {
  // The author filed it; moderators work from their queue, not from notifications.
  submitted: [],
  rejected: ['author'],
  // Internal, but addressed to the author: they must answer it.
  clarification_requested: ['author'],
  clarified: [],
  routed: ['author', 'followers', 'operators'],
  sent_to_curator: ['curators'],
  assigned: ['author', 'followers', 'operators'],
  redirected: ['author', 'followers', 'operators'],
  // The answer's drafts and reviews stay inside the organisation; a returned answer goes back to it.
  answer_drafted: [],
  answer_submitted: [],
  answer_returned: ['operators'],
  rated: ['operators'],
  disputed: ['followers', 'operators', 'curators'],
  reopened: ['author', 'followers', 'operators'],
  deadline_nearly_due: ['operators'],
  deadline_overdue: ['operators', 'curators'],
  escalated: (e) => (e.payload.level === 'curator' ? ['curators'] : ['operators']),
  deadline_extended: ['author', 'followers', 'operators'],
  // One notification per "me too" would be noise; supporters see the count on the page.
  support_added: [],
  supported: [],
  support_withdrawn: [],
  // The primary's staff learn that a duplicate joined it; the duplicate's people hear 'merged_into'.
  merged_from: ['operators'],
  // Splitting a duplicate off changes nothing for the primary's author and followers (its status
  // stays): only its staff are told, as of the merge.
  merge_undone: ['operators'],
  // A hand-over refused as ping-pong is followed by 'sent_to_curator', which tells the curators.
  redirect_requested: [],
  // History brought in by `vmeste import`: nobody is told about the past.
  imported: [],
};

export function audiencesFor(event: TimelineEvent): readonly Audience[] {
  const rule = recipientRules[event.type];
  if (rule === undefined) return event.isPublic ? publicUpdate : [];
  return typeof rule === 'function' ? rule(event) : rule;
}

/** A person who might be told, as the policy sees them. */
export type Candidate = Actor & { audience: Audience };

/**
 * The final filter, whatever the rule table says: never the person who did it, only people who
 * may see the report, and followers only for public events of a report the public may see.
 */
export function mayNotify(event: TimelineEvent, report: ReportFacts, person: Candidate): boolean {
  if (event.actorId !== null && person.id === event.actorId) return false;
  if (person.audience === 'followers' && !(event.isPublic && isPubliclyVisible(report))) return false;
  return canView(report, person);
}

/** One notification per person: the first audience wins (author before follower before staff). */
export function pickRecipients<C extends Candidate>(
  event: TimelineEvent,
  report: ReportFacts,
  candidates: readonly C[],
): C[] {
  const seen = new Set<string>();
  const chosen: C[] = [];
  for (const c of candidates) {
    if (seen.has(c.id) || !mayNotify(event, report, c)) continue;
    seen.add(c.id);
    chosen.push(c);
  }
  return chosen;
}

export const staffAudienceRole: Record<'operators' | 'curators', UserRole> = {
  operators: 'operator',
  curators: 'curator',
};
