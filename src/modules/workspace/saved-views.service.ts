import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import * as repo from './saved-views.repo.ts';
import {
  SAVED_VIEWS_MAX,
  type SavedView,
  type SavedViewQuery,
  savedViewQuerySchema,
} from './workspace.schemas.ts';

export type WorkspaceDeps = { db: Db; clock: Clock };

/** Saved views belong to the staff member who made them; nobody else lists, renames or deletes them. */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new AppError('forbidden');
}

function present(row: repo.SavedViewRow): SavedView {
  // Stored queries were validated on the way in; a field a later version dropped is left out, not an error.
  const parsed = savedViewQuerySchema.safeParse(row.query);
  return {
    id: row.id,
    name: row.name,
    query: parsed.success ? parsed.data : {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = () =>
  new AppError('saved_view_name_taken', [{ path: 'name', message: 'saved_view_name_taken' }]);

export async function listSavedViews(deps: WorkspaceDeps, actor: Actor): Promise<{ items: SavedView[] }> {
  requireStaff(actor);
  return { items: (await repo.listViews(deps.db, actor.id)).map(present) };
}

export async function createSavedView(
  deps: WorkspaceDeps,
  actor: Actor,
  input: { name: string; query: SavedViewQuery },
): Promise<SavedView> {
  requireStaff(actor);
  return deps.db.transaction(async (tx) => {
    if ((await repo.countViews(tx, actor.id)) >= SAVED_VIEWS_MAX) throw new AppError('saved_views_limit');
    const row = await repo.insertView(tx, {
      userId: actor.id,
      name: input.name,
      query: input.query,
      at: deps.clock.now(),
    });
    if (!row) throw nameTaken();
    return present(row);
  });
}

export async function updateSavedView(
  deps: WorkspaceDeps,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; query?: SavedViewQuery | undefined },
): Promise<SavedView> {
  requireStaff(actor);
  return deps.db.transaction(async (tx) => {
    const current = await repo.findOwnView(tx, actor.id, id);
    if (!current) throw new AppError('saved_view_not_found');
    if (input.name !== undefined && input.name !== current.name) {
      if (await repo.findViewByName(tx, actor.id, input.name)) throw nameTaken();
    }
    const row = await repo.updateView(tx, actor.id, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.query !== undefined ? { query: input.query } : {}),
      at: deps.clock.now(),
    });
    if (!row) throw new AppError('saved_view_not_found');
    return present(row);
  });
}

export async function deleteSavedView(deps: WorkspaceDeps, actor: Actor, id: string): Promise<void> {
  requireStaff(actor);
  if (!(await repo.deleteView(deps.db, actor.id, id))) throw new AppError('saved_view_not_found');
}
