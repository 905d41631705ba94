/** City objects and their works (public control): the public entry of the module. */

export type { CityObjectKind } from './kinds.schemas.ts';
export { objectRoutes } from './objects.routes.ts';
export type { WorkBody } from './objects.schemas.ts';
export type { ObjectsDeps } from './objects.service.ts';
export { addWork, cityToday, saveObject } from './objects.service.ts';
export { importObjects, objectsMappingSchema } from './objects-import.service.ts';
