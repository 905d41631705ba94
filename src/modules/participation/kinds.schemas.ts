/**
 * The kinds and states of participation, shared by the database schema, the API schemas and the
 * web app (pure: no server code).
 */

export const resultsVisibilities = ['always', 'after_close', 'never'] as const;
export type ResultsVisibility = (typeof resultsVisibilities)[number];

export const questionKinds = ['single', 'multiple', 'scale', 'ranking', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const voteItemStatuses = ['pending', 'approved', 'rejected', 'merged'] as const;
export type VoteItemStatus = (typeof voteItemStatuses)[number];

/** One answer of a stored ballot, as validated against the poll's questions. */
export type StoredAnswer = {
  questionId: string;
  optionIds?: string[];
  value?: number;
  ranking?: string[];
  text?: string;
};

/** A GeoJSON point or line (WGS 84), as drawn on the map. */
export type ItemGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] };

/** What a conditional question needs to know of the questions (server rows and API views alike). */
export type Conditional = { id: string; showIf: { questionId: string; optionIds: string[] } | null };

/**
 * Which questions are shown for these chosen options: a question with a condition is shown when
 * the earlier question it names is shown and has one of the given options chosen.
 */
export function visibleQuestionIds(
  questions: Conditional[],
  chosen: (questionId: string) => string[],
): Set<string> {
  const visible = new Set<string>();
  for (const q of questions) {
    if (!q.showIf) visible.add(q.id);
    else if (
      visible.has(q.showIf.questionId) &&
      chosen(q.showIf.questionId).some((o) => q.showIf?.optionIds.includes(o))
    )
      visible.add(q.id);
  }
  return visible;
}
