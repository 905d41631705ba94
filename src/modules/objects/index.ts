/** City objects and their works (public control): the public entry of the module. */

export { objectRoutes } from './objects.routes.ts';
export type { ObjectsDeps } from './objects.service.ts';
export { importObjects, objectsMappingSchema } from './objects-import.service.ts';
