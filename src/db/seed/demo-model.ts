import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/connection.ts';
import { curatorChoice, findRoutingRule } from '../../demo/organisations.ts';
import { generateDemoReports } from '../../demo/report-generator.ts';
import { fromRepo } from '../../lib/repo-root.ts';
import {
  ModelStore,
  recordModel,
  saveBaseExamples,
  saveModel,
  type TrainingExample,
  trainModel,
} from '../../modules/classifier/index.ts';

/**
 * Training examples for the demo region's first model, from the project's own generator (never from
 * real data): each generated report labelled with its topic, subject and the organisation that
 * answers it there — the routing rule, or the curator's usual choice where there is none.
 */
export function demoTrainingExamples(now: Date, count = 4000): TrainingExample[] {
  return generateDemoReports({ count, now, seed: 7 }).map((p) => ({
    text: p.text,
    district: p.districtName,
    category: p.topicCode,
    reason: p.categoryCode,
    executor_org:
      p.organisationCode ??
      findRoutingRule(p.categoryCode, p.districtCode)?.organisationCode ??
      curatorChoice(p.categoryCode, p.districtCode).code,
    dt: p.createdAt.toISOString(),
  }));
}

/** A trained demo model on disk, with the figures it is recorded with. */
export type DemoModel = {
  id: string;
  storageKey: string;
  trainedOn: number;
  heldOut: number;
  /** Accuracy per label on the newest slice the training held out for calibration. */
  candidate: Record<string, number>;
};

/**
 * Trains the demo's first model and writes its file. There is no earlier model to compare with, so
 * unlike a retraining it is trained once: the held-out slice that calibrates it also gives the
 * figures shown in the model history (a retraining trains twice, once to judge, once to keep).
 */
export async function trainDemoModel(
  dataDir: string,
  now: Date,
  count: number,
  onProgress?: (message: string) => void,
): Promise<DemoModel> {
  const examples = demoTrainingExamples(now, count);
  const { model } = trainModel(examples, { seed: 1, ...(onProgress ? { onProgress } : {}) });
  const id = randomUUID();
  const storageKey = `models/${id}.model`;
  await mkdir(path.join(dataDir, 'models'), { recursive: true });
  await saveModel(model, ModelStore.fileFor(dataDir, storageKey));
  // Retrainings learn from these plus the vetted reports and corrections.
  await saveBaseExamples(dataDir, examples);
  const labels = Object.entries(model.info.labels);
  return {
    id,
    storageKey,
    trainedOn: examples.length,
    heldOut: Math.max(0, ...labels.map(([, r]) => r?.heldOut ?? 0)),
    candidate: Object.fromEntries(
      labels.map(([name, r]) => [name, Math.round((r?.heldOutAccuracy ?? 0) * 1000) / 1000]),
    ),
  };
}

/** Makes the trained demo model the active one, as a retraining triggered by the seed would. */
export async function recordDemoModel(db: Db, model: DemoModel, at: Date): Promise<void> {
  await recordModel(db, {
    id: model.id,
    status: 'active',
    storageKey: model.storageKey,
    trainedOn: model.trainedOn,
    metrics: { heldOut: model.heldOut, candidate: model.candidate, previous: null },
    trigger: 'seed',
    createdAt: at,
  });
}

/**
 * trainDemoModel in a child process: the training is pure computation, so on a machine with a
 * second core it runs while this process carries the demo reports through the database.
 */
export function trainDemoModelAside(
  dataDir: string,
  now: Date,
  count: number,
  onProgress?: (message: string) => void,
): Promise<DemoModel> {
  const child = fork(
    fromRepo('src/db/seed/demo-model-child.ts'),
    [dataDir, now.toISOString(), String(count)],
    // tsx by its resolved location, so the child finds it wherever the command was started from.
    { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise<DemoModel>((resolve, reject) => {
    let model: DemoModel | null = null;
    child.on('message', (m: { note?: string; model?: DemoModel }) => {
      if (m.note !== undefined) onProgress?.(m.note);
      if (m.model) model = m.model;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      model && code === 0
        ? resolve(model)
        : reject(new Error(`training the demo model failed (exit code ${code})`)),
    );
  });
}
