/** Answer quality (likely non-answers flagged for the reviewer) and answer templates: the public entry. */
export { answerRoutes } from './answers.routes.ts';
export {
  type AnswerCheck,
  type AnswerUnderCheck,
  answerQualityChecks,
} from './quality.service.ts';
