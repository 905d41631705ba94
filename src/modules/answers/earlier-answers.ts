import type { EarlierAnswer } from './answer-heuristics.ts';
import { trigrams } from './text-similarity.ts';

/** How many of the organisation's latest published answers a new answer is compared with. */
export const EARLIER_ANSWERS_COMPARED = 500;
/**
 * How many are kept per organisation: a few more than compared, because the report under review's
 * own earlier answers are left out at comparison time (a report rarely has more than two or three).
 */
export const EARLIER_ANSWERS_KEPT = EARLIER_ANSWERS_COMPARED + 20;
/**
 * Answers are read again from this long before the newest one kept: `published_at` is the acting
 * node's clock at the action, so an answer can commit a little after a later-stamped one was read.
 */
export const CATCH_UP_OVERLAP_MS = 60_000;
/** Memory bound of one node's cache, in trigrams kept (8 bytes each): about 32 MB. */
const MAX_GRAMS_KEPT = 4_000_000;

export type PublishedAnswerRow = {
  id: string;
  reportId: string;
  reportNumber: number;
  text: string;
  publishedAt: Date;
};

type Kept = { id: string; reportId: string; reportNumber: number; publishedAt: number; grams: Float64Array };
type Organisation = { answers: Kept[]; grams: number };

/**
 * One node's copy of each organisation's latest published answers with their trigrams computed:
 * checking a submitted answer used to read 500 answers as JSON and cut each into trigrams again
 * (about a third of a submission's time at a million reports). The copy is never stale in what
 * matters: every check first reads what was published since the newest answer kept (with an
 * overlap), usually nothing, so answers published on other nodes are compared at once. Published
 * answers do not change (a new round publishes a new answer, the old one is only marked superseded).
 */
export class EarlierAnswers {
  private readonly organisations = new Map<string, Organisation>();
  private gramsKept = 0;

  /** From when the organisation's answers must be read (null: never read here, read the latest). */
  readSince(organisationId: string | null): Date | null {
    const newest = this.organisations.get(key(organisationId))?.answers[0];
    return newest ? new Date(newest.publishedAt - CATCH_UP_OVERLAP_MS) : null;
  }

  /**
   * Adds the answers just read (newest first, as many as EARLIER_ANSWERS_KEPT) and gives the ones to
   * compare with: the latest EARLIER_ANSWERS_COMPARED to other reports than this one.
   */
  compareWith(organisationId: string | null, read: PublishedAnswerRow[], reportId: string): EarlierAnswer[] {
    const k = key(organisationId);
    const organisation = this.organisations.get(k) ?? { answers: [], grams: 0 };
    // Least recently used last out: the organisation moves to the end of the map's order.
    this.organisations.delete(k);
    this.organisations.set(k, organisation);
    const known = new Set(organisation.answers.map((a) => a.id));
    const added = read
      .filter((r) => !known.has(r.id))
      .map((r) => ({
        id: r.id,
        reportId: r.reportId,
        reportNumber: Number(r.reportNumber),
        publishedAt: r.publishedAt.getTime(),
        grams: trigrams(r.text),
      }));
    if (added.length > 0) {
      const merged = [...added, ...organisation.answers].sort((a, b) => b.publishedAt - a.publishedAt);
      const kept = merged.slice(0, EARLIER_ANSWERS_KEPT);
      const grams = kept.reduce((n, a) => n + a.grams.length, 0);
      this.gramsKept += grams - organisation.grams;
      organisation.answers = kept;
      organisation.grams = grams;
      this.evictBeyondBound(k);
    }
    return organisation.answers
      .filter((a) => a.reportId !== reportId)
      .slice(0, EARLIER_ANSWERS_COMPARED)
      .map((a) => ({ reportNumber: a.reportNumber, grams: a.grams }));
  }

  private evictBeyondBound(current: string): void {
    for (const [k, organisation] of this.organisations) {
      if (this.gramsKept <= MAX_GRAMS_KEPT) return;
      if (k === current) continue;
      this.organisations.delete(k);
      this.gramsKept -= organisation.grams;
    }
  }
}

const key = (organisationId: string | null) => organisationId ?? '';
