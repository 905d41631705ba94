/** The staff workspace (saved work-list views, bulk actions): the public entry of the module. */
export { workspaceRoutes } from './workspace.routes.ts';
