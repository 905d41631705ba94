import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Db, Executor } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import {
  findOrganisation,
  findOrganisationByCode,
  listCategoryRows as listCategories,
} from '../reference/index.ts';
import type { AdvisorOpinion } from '../routing/index.ts';
import { loadBaseExamples, saveBaseExamples } from './base-set.ts';
import * as repo from './classifier.repo.ts';
import type { ClassifierStatus, ModelInfo, RoutingWeeks } from './classifier.schemas.ts';
import { classify } from './classify.ts';
import { evaluateModel } from './evaluation.ts';
import {
  DEFAULT_UPDATE,
  type LabelledReport,
  type RoutingChanges,
  retrainingSet,
  routingChanges,
  type UpdateOptions,
} from './learning.ts';
import type { ClassifierModel } from './model.ts';
import { ModelStore } from './model-store.ts';
import { saveModel } from './serialize.ts';
import { trainModel } from './train.ts';
import type { ReportInput, TrainingExample } from './types.ts';

export type ClassifierDeps = {
  db: Db;
  clock: Clock;
  dataDir: string;
  store: ModelStore;
  routingThreshold: number | null;
};

/** The category suggestions shown while a resident types: the model's top subjects that exist and are open. */
export async function suggestCategories(
  deps: ClassifierDeps,
  input: ReportInput,
): Promise<{ categoryId: string; code: string; p: number }[]> {
  const model = await deps.store.current();
  if (!model) return [];
  const prediction = classify(model, input, { explainTerms: 0 });
  if (!prediction.reason || prediction.reason.confidence === 0) return [];
  const byCode = new Map(
    (await listCategories(deps.db)).filter((c) => c.parentId).map((c) => [c.code, c.id]),
  );
  return prediction.reason.top3
    .filter((c) => byCode.has(c.label))
    .map((c) => ({ categoryId: byCode.get(c.label)!, code: c.label, p: round(c.p) }));
}

const round = (p: number) => Math.round(p * 1000) / 1000;

/** The threshold that kept ≥ 97 % precision on the model's own held-out slice, unless configured. */
export function routingThreshold(model: ClassifierModel, configured: number | null): number {
  return configured ?? model.info.labels.executor_org?.threshold97?.threshold ?? 0.95;
}

/**
 * The organisation the model proposes for a report the rule table could not route, with the
 * evidence; `classifier_unsure` below the threshold (the report goes to the curator, with the
 * confidence shown); null when there is no model or it names no known organisation.
 */
export async function proposeOrganisation(
  deps: Pick<ClassifierDeps, 'store' | 'routingThreshold'>,
  exec: Executor,
  report: { text: string; district: string | null },
): Promise<AdvisorOpinion> {
  const model = await deps.store.current(exec);
  if (!model?.labels.executor_org) return null;
  const prediction = classify(model, { text: report.text, district: report.district });
  const org = prediction.executor_org;
  if (!org) return null;
  const threshold = routingThreshold(model, deps.routingThreshold);
  // Stored unrounded, so that an explanation never reads "100 % < 99.98 %".
  if (org.confidence < threshold)
    return { method: 'classifier_unsure', confidence: org.confidence, threshold };
  const target = await findOrganisationByCode(exec, org.label);
  if (!target?.isActive) return null;
  const terms = prediction.explanation.executor_org?.terms.map((t) => t.term) ?? [];
  return {
    method: 'classifier',
    organisationId: target.id,
    organisationCode: target.code,
    confidence: org.confidence,
    threshold,
    terms,
  };
}

/** A staff correction of a report's subject becomes a training label (by subject code). */
export async function recordCategoryCorrection(
  exec: Executor,
  c: { reportId: string; categoryCode: string; actorId: string; at: Date },
): Promise<void> {
  await repo.insertTrainingLabel(exec, {
    reportId: c.reportId,
    label: 'category',
    value: c.categoryCode,
    source: 'staff_recategorise',
    actorId: c.actorId,
    at: c.at,
  });
}

/** A curator's or operator's choice of organisation becomes a training label (by organisation code). */
export async function recordOrganisationCorrection(
  exec: Executor,
  c: {
    reportId: string;
    organisationId: string;
    actorId: string;
    at: Date;
    source?: 'curator_assign' | 'redirect';
    /** The organisation's code when the caller has just read it (saves reading it again). */
    organisationCode?: string;
  },
): Promise<void> {
  const code = c.organisationCode ?? (await findOrganisation(exec, c.organisationId))?.code;
  if (!code) return;
  await repo.insertTrainingLabel(exec, {
    reportId: c.reportId,
    label: 'executor_org',
    value: code,
    source: c.source ?? 'curator_assign',
    actorId: c.actorId,
    at: c.at,
  });
}

export type RetrainResult = {
  modelId: string;
  accepted: boolean;
  trainedOn: number;
  heldOut: number;
  candidate: Record<string, number>;
  previous: Record<string, number> | null;
  corrections: number;
  changes: RoutingChanges;
};

function accuracies(model: ClassifierModel, test: TrainingExample[]): Record<string, number> {
  const result = evaluateModel(model, test);
  return Object.fromEntries(
    Object.entries(result.labels).map(([label, score]) => [label, round(score?.accuracy ?? 0)]),
  );
}

const timeOf = (ex: TrainingExample) => (typeof ex.dt === 'string' ? Date.parse(ex.dt) || 0 : 0);
const strip = ({ corrected: _c, correctedAt: _a, ...ex }: LabelledReport): TrainingExample => ex;

/** Reports, or corrected labels, that came after the active model was trained: it never learnt from them. */
function unseenBy(activeSince: Date | null, vetted: LabelledReport[]): Set<LabelledReport> {
  if (!activeSince) return new Set();
  const since = activeSince.getTime();
  return new Set(
    vetted.filter(
      (r) => timeOf(r) > since || (r.correctedAt !== undefined && Date.parse(r.correctedAt) > since),
    ),
  );
}

/** A fair judgement needs at least this many reports the active model has never learnt from. */
export const MIN_UNSEEN = 30;

/**
 * How the candidate is judged against the active model, on reports neither learnt from whenever
 * there are enough of them (the reports and corrections that came after the active model); else
 * on the newest 15 % of all reports, which both models learnt from: then the check is that the new
 * model keeps what the old one got right while it learns the corrections.
 */
function judgement(
  base: TrainingExample[],
  vetted: LabelledReport[],
  unseen: Set<LabelledReport>,
  update: UpdateOptions,
): { on: 'unseen' | 'newest'; test: TrainingExample[]; model: ClassifierModel | null } {
  if (unseen.size >= MIN_UNSEEN) {
    const model = trainModel(
      retrainingSet(
        base,
        vetted.filter((r) => !unseen.has(r)),
        update,
      ),
      { seed: 1 },
    ).model;
    return { on: 'unseen', test: [...unseen].map(strip), model };
  }
  const all = [...base, ...vetted.map(strip)].sort((a, b) => timeOf(a) - timeOf(b));
  const cut = Math.max(1, Math.floor(all.length * 0.85));
  return { on: 'newest', test: all.slice(cut), model: null };
}

/**
 * Trains a new model from the original training set (kept beside the models), every vetted report and
 * every staff correction, the way DEFAULT_UPDATE says (chosen by the replay benchmark). It becomes
 * active only if it scores at least as well as the active one (mean accuracy over the labels both
 * predict, see `judgement`). Either way the attempt is recorded with its figures: how many
 * corrections it learnt from, the accuracy before and after, and the routing it moves.
 * `examples`, when given, become the original training set (the seed's first model).
 */
export async function retrain(
  deps: ClassifierDeps,
  trigger: 'seed' | 'schedule' | 'admin',
  examples?: TrainingExample[],
  update: UpdateOptions = DEFAULT_UPDATE,
): Promise<RetrainResult> {
  if (examples) await saveBaseExamples(deps.dataDir, examples);
  const base = examples ?? (await loadBaseExamples(deps.dataDir));
  const vetted = await repo.trainingExamples(deps.db);
  const total = base.length + vetted.length;
  if (total < 20) throw new Error(`too few labelled reports to train on (${total}; at least 20 are needed)`);
  const current = await deps.store.current();
  const activeRow = current ? await repo.activeModel(deps.db) : undefined;
  const judged = judgement(base, vetted, unseenBy(activeRow?.createdAt ?? null, vetted), update);
  const all = retrainingSet(base, vetted, update);
  // The kept model learns from everything, the judged slice included.
  const final = trainModel(all, { seed: 1 }).model;
  const candidate = accuracies(judged.model ?? final, judged.test);
  const previous = current ? accuracies(current, judged.test) : null;
  const mean = (scores: Record<string, number>, keys: string[]) =>
    keys.reduce((sum, k) => sum + (scores[k] ?? 0), 0) / Math.max(1, keys.length);
  const shared = Object.keys(candidate).filter((k) => !previous || k in previous);
  const accepted = previous === null || mean(candidate, shared) >= mean(previous, shared);

  const id = randomUUID();
  const storageKey = `models/${id}.model`;
  if (accepted) {
    await mkdir(path.join(deps.dataDir, 'models'), { recursive: true });
    await saveModel(final, ModelStore.fileFor(deps.dataDir, storageKey));
  }
  const corrected = vetted.filter((r) => r.corrected);
  // What staff will see move: the corrected reports and the judged ones, each once.
  const compared = [...new Set<ReportInput>([...corrected, ...judged.test])];
  const changes = routingChanges(current, final, compared);
  const row = await repo.recordModel(deps.db, {
    id,
    status: accepted ? 'active' : 'rejected',
    storageKey,
    trainedOn: all.length,
    metrics: {
      heldOut: judged.test.length,
      judgedOn: judged.on,
      candidate,
      previous,
      base: base.length,
      vetted: vetted.length,
      corrections: corrected.length,
      method: update.method,
      correctionWeight: update.method === 'reweight' ? update.correctionWeight : 1,
      changes,
    },
    trigger,
    createdAt: deps.clock.now(),
  });
  deps.store.invalidate();
  return {
    modelId: row.id,
    accepted,
    trainedOn: all.length,
    heldOut: judged.test.length,
    candidate,
    previous,
    corrections: corrected.length,
    changes,
  };
}

// ---- administration ------------------------------------------------------------------------------

function presentModel(m: repo.ModelRow): ModelInfo {
  return {
    id: m.id,
    status: m.status,
    trainedOn: m.trainedOn,
    trigger: m.trigger,
    metrics: m.metrics,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Admins, analysts and curators see the model history and the figures each retraining was judged on. */
export async function classifierStatus(
  deps: Pick<ClassifierDeps, 'db'>,
  actor: Actor,
  retrainSchedule: string,
): Promise<ClassifierStatus> {
  if (actor.role !== 'admin' && actor.role !== 'analyst' && actor.role !== 'curator')
    throw new AppError('forbidden');
  const [models, active, correctionLabels] = await Promise.all([
    repo.listModels(deps.db),
    repo.activeModel(deps.db),
    repo.countTrainingLabels(deps.db),
  ]);
  return {
    active: active ? presentModel(active) : null,
    models: models.map(presentModel),
    correctionLabels,
    retrainSchedule: retrainSchedule || null,
  };
}

/**
 * How reports were routed per week (rule, classifier, curator) and how many automatic routings were
 * redirected later: the precision of automatic routing measured in production. Admins, curators and
 * analysts.
 */
export async function routingByWeek(
  deps: Pick<ClassifierDeps, 'db' | 'clock'>,
  actor: Actor,
  weeks: number,
): Promise<RoutingWeeks> {
  if (actor.role !== 'admin' && actor.role !== 'analyst' && actor.role !== 'curator')
    throw new AppError('forbidden');
  const since = new Date(deps.clock.now().getTime() - weeks * 7 * 86_400_000);
  const rows = await repo.routingWeeks(deps.db, since);
  return {
    weeks: rows.map((r) => {
      const automatic = r.rule + r.classifier;
      const redirected = r.ruleRedirected + r.classifierRedirected;
      return { ...r, automaticPrecision: automatic > 0 ? round(1 - redirected / automatic) : null };
    }),
  };
}

export const RETRAIN_QUEUE = 'classifier-retrain';
export type RetrainJob = { trigger: 'schedule' | 'admin'; requestedBy?: string };

/** An admin asks for a retraining now; it runs as a job (one at a time across all nodes). */
export async function requestRetrain(
  deps: Pick<ClassifierDeps, 'db' | 'clock'> & { queue: JobQueue | null },
  actor: Actor,
): Promise<{ jobId: string }> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  if (!deps.queue) throw new AppError('jobs_unavailable');
  const job: RetrainJob = { trigger: 'admin', requestedBy: actor.id };
  const jobId = await deps.queue.send(RETRAIN_QUEUE, job);
  // The stately queue refuses a second retraining while one is waiting.
  if (!jobId) throw new AppError('retrain_already_queued');
  await writeAudit(deps.db, {
    actor,
    action: 'classifier.retrain_requested',
    entityType: 'job',
    entityId: jobId,
    at: deps.clock.now(),
  });
  return { jobId };
}
