import type { Readable } from 'node:stream';
import { AppError } from '../../lib/errors.ts';
import {
  type Cell,
  csvStream,
  type ExportFormat,
  fromArray,
  type Sheet,
  xlsxStream,
} from '../../lib/tabular-export.ts';
import type { Actor } from '../identity/index.ts';
import { resultsPublic } from './participation.policy.ts';
import type { PollResults } from './participation.schemas.ts';
import { pollState } from './poll.presenter.ts';
import * as repo from './polls.repo.ts';
import { loadVisiblePoll, type PollsDeps } from './polls.service.ts';

type Loaded = { row: repo.PollRow; manager: boolean; questions: repo.QuestionWithOptions[] };

async function loadForResults(deps: PollsDeps, actor: Actor | null, id: string): Promise<Loaded> {
  const { row, manager } = await loadVisiblePoll(deps.db, actor, id);
  if (!manager && !resultsPublic(row.resultsVisibility, pollState(row, deps.clock.now())))
    throw new AppError('results_not_public');
  return { row, manager, questions: await repo.findQuestions(deps.db, id) };
}

const share = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000);

async function computeResults(deps: PollsDeps, loaded: Loaded): Promise<PollResults> {
  const { row, manager, questions } = loaded;
  const [ballots, tallies] = await Promise.all([
    repo.countBallots(deps.db, row.id),
    repo.tallyAnswers(deps.db, row.id),
  ]);
  const out: PollResults['questions'] = [];
  for (const q of questions) {
    const t = tallies.get(q.id);
    const answered = t?.answered ?? 0;
    const entry: PollResults['questions'][number] = { questionId: q.id, kind: q.kind, answered };
    if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking')
      entry.options = q.options.map((o) => {
        const c = t?.options.find((x) => x.optionId === o.id);
        const count = c?.count ?? 0;
        return {
          optionId: o.id,
          count,
          share: share(count, answered),
          ...(q.kind === 'ranking' ? { points: c?.points ?? 0 } : {}),
        };
      });
    if (q.kind === 'scale' && q.scaleMin !== null && q.scaleMax !== null) {
      const values = t?.values ?? [];
      const total = values.reduce((s, v) => s + v.count, 0);
      entry.mean =
        total === 0
          ? null
          : Math.round((values.reduce((s, v) => s + v.value * v.count, 0) / total) * 100) / 100;
      entry.distribution = [];
      for (let v = q.scaleMin; v <= q.scaleMax; v++)
        entry.distribution.push({ value: v, count: values.find((x) => x.value === v)?.count ?? 0 });
    }
    // Free text may name people or places: organisers read it, the public does not.
    if (q.kind === 'text' && manager) entry.texts = await repo.textAnswers(deps.db, row.id, q.id);
    out.push(entry);
  }
  return { ballots, questions: out };
}

export async function pollResults(deps: PollsDeps, actor: Actor | null, id: string): Promise<PollResults> {
  return computeResults(deps, await loadForResults(deps, actor, id));
}

const RESULT_HEADER = [
  'question_no',
  'question',
  'kind',
  'option',
  'count',
  'share',
  'borda_points',
  'mean',
  'answered',
];

function resultRows(results: PollResults, questions: repo.QuestionWithOptions[]): Cell[][] {
  const rows: Cell[][] = [];
  questions.forEach((q, i) => {
    const r = results.questions.find((x) => x.questionId === q.id);
    if (!r) return;
    const base = [i + 1, q.text, q.kind];
    for (const o of r.options ?? [])
      rows.push([
        ...base,
        q.options.find((x) => x.id === o.optionId)?.text ?? '',
        o.count,
        o.share,
        o.points ?? null,
        null,
        r.answered,
      ]);
    for (const d of r.distribution ?? [])
      rows.push([
        ...base,
        String(d.value),
        d.count,
        share(d.count, r.answered),
        null,
        r.mean ?? null,
        r.answered,
      ]);
    for (const text of r.texts ?? []) rows.push([...base, text, null, null, null, null, r.answered]);
    if (q.kind === 'text' && !r.texts) rows.push([...base, null, r.answered, null, null, null, r.answered]);
  });
  return rows;
}

/** Anonymised ballots: a running number and one column per question, never who or when. */
function ballotSheet(deps: PollsDeps, row: repo.PollRow, questions: repo.QuestionWithOptions[]): Sheet {
  const optionText = new Map(questions.flatMap((q) => q.options.map((o) => [o.id, o.text] as const)));
  return {
    name: 'Ballots',
    header: ['ballot', ...questions.map((_, i) => `q${i + 1}`)],
    rows: (async function* () {
      let n = 0;
      for await (const batch of repo.anonymousBallots(deps.db, row.id)) {
        for (const b of batch) {
          n += 1;
          yield [
            n,
            ...questions.map((q): Cell => {
              const a = b.answers.find((x) => x.questionId === q.id);
              if (!a) return null;
              if (a.value !== undefined) return a.value;
              if (a.text !== undefined) return a.text;
              const ids = a.optionIds ?? a.ranking ?? [];
              return ids.map((id) => optionText.get(id) ?? id).join(q.kind === 'ranking' ? ' > ' : '; ');
            }),
          ];
        }
      }
    })(),
  };
}

/** Results (and, for organisers, the anonymised ballots) as a stream in the chosen format. */
export async function exportPollResults(
  deps: PollsDeps,
  actor: Actor | null,
  id: string,
  format: ExportFormat,
): Promise<Readable> {
  const loaded = await loadForResults(deps, actor, id);
  const rows = resultRows(await computeResults(deps, loaded), loaded.questions);
  const results: Sheet = { name: 'Results', header: RESULT_HEADER, rows: fromArray(rows) };
  if (format === 'csv') return csvStream(results.header, results.rows);
  return xlsxStream(loaded.manager ? [results, ballotSheet(deps, loaded.row, loaded.questions)] : [results]);
}

/** The anonymised ballots alone (organisers only). */
export async function exportPollBallots(
  deps: PollsDeps,
  actor: Actor,
  id: string,
  format: ExportFormat,
): Promise<Readable> {
  const loaded = await loadForResults(deps, actor, id);
  if (!loaded.manager) throw new AppError('forbidden');
  const sheet = ballotSheet(deps, loaded.row, loaded.questions);
  return format === 'csv' ? csvStream(sheet.header, sheet.rows) : xlsxStream([sheet]);
}
