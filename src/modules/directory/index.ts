/** The organisation directory (public pages, hours, "who is responsible here"): the public entry of the module. */
export { directoryRoutes } from './directory.routes.ts';
export type { ProfileInput } from './directory.schemas.ts';
export { kindAndHours, saveKindAndHours, seedProfile, workingHoursProblems } from './directory.service.ts';
export { type OpenStatus, openStatus } from './hours.ts';
