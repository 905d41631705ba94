/**
 * The report classifier: learns category, reason (subject) and executor_org from labelled reports and
 * predicts them with calibrated confidences, a top 3 and the terms that explain the choice.
 * See docs/classifier.md. The public entry of the module: other modules, the server, the jobs and the
 * CLI import only this file.
 */

export { loadBaseExamples, saveBaseExamples } from './base-set.ts';
export { classifierRoutes } from './classifier.routes.ts';
export {
  type ClassifierDeps,
  proposeOrganisation,
  RETRAIN_QUEUE,
  type RetrainJob,
  recordCategoryCorrection,
  recordOrganisationCorrection,
  retrain,
} from './classifier.service.ts';
export {
  type ClassifyOptions,
  classify,
  explain,
  type LabelPrediction,
  type Prediction,
} from './classify.ts';
export { parseInputLine, readTrainingFile } from './data.ts';
export { type EvaluationResult, evaluateModel, splitByMonth } from './evaluation.ts';
export {
  DEFAULT_UPDATE,
  type LabelledReport,
  type RoutingChanges,
  type RoutingMove,
  retrainingSet,
  routingChanges,
  type UpdateMethod,
  type UpdateOptions,
} from './learning.ts';
export { readLetter } from './letter.ts';
export type { ClassifierModel } from './model.ts';
export { ModelStore } from './model-store.ts';
export { decodeModel, encodeModel, loadModel, ModelFormatError, saveModel } from './serialize.ts';
export { type TrainOptions, type TrainResult, textKey, trainModel } from './train.ts';
export { LABELS, type LabelName, type ReportInput, type TrainingExample } from './types.ts';

import * as repo from './classifier.repo.ts';

/** Records a trained model (e.g. the demo's first one); an active model retires the previous one. */
export function recordModel(
  ...args: Parameters<typeof repo.recordModel>
): ReturnType<typeof repo.recordModel> {
  return repo.recordModel(...args);
}
