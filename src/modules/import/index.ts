/** Bulk import of historical reports (CSV/JSONL): the public entry of the module. */

export { type ImportDeps, type ImportOptions, type ImportTotals, runImport } from './import.service.ts';
export {
  CsvHeaderError,
  type LineProblem,
  openInput,
  readCsvRecords,
  type SourceRecord,
} from './import-sources.ts';
