/**
 * Similar reports, support ("me too") and merging duplicates: the public entry of the module. The
 * merge handlers and the duplicate fields of a report view are used by the reports module's actions.
 */
export { duplicatesRoutes } from './duplicates.routes.ts';
export { mergeHandler, refuseMergeByState, unmergeHandler } from './merge.handlers.ts';
export { duplicateFields, freshDuplicateFields } from './report-view.ts';
export { findSimilarReports, similarBatch } from './similar.service.ts';
