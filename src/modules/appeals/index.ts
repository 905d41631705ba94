/**
 * Appeals under 59-ФЗ (who appeals and where the answer goes): the public entry of the module. The
 * repository stays private; the reports module stores and reads the appellant through this facade.
 */
import * as repo from './appeals.repo.ts';

/** Stores the appellant of a new appeal (in the transaction that files the appeal). */
export function insertAppellant(...args: Parameters<typeof repo.insertAppellant>): Promise<void> {
  return repo.insertAppellant(...args);
}

/** The appellant of an appeal, if the report is one. */
export function findAppellant(
  ...args: Parameters<typeof repo.findAppellant>
): ReturnType<typeof repo.findAppellant> {
  return repo.findAppellant(...args);
}
