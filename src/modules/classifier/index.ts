/**
 * The report classifier: learns category, reason (subject) and executor_org from labelled reports and
 * predicts them with calibrated confidences, a top 3 and the terms that explain the choice.
 * See docs/classifier.md.
 */
export {
  type ClassifyOptions,
  classify,
  explain,
  type LabelPrediction,
  type Prediction,
} from './classify.ts';
export { readTrainingFile } from './data.ts';
export type { ClassifierModel } from './model.ts';
export { decodeModel, encodeModel, loadModel, ModelFormatError, saveModel } from './serialize.ts';
export { type TrainOptions, type TrainResult, trainModel } from './train.ts';
export { LABELS, type LabelName, type ReportInput, type TrainingExample } from './types.ts';
