import type { Me } from '@shared/identity/identity.schemas.ts';

/**
 * Who keeps the registry of objects (the server checks again: `canEditObject`): the region's staff,
 * and an organisation's operators for its own objects.
 */
export const objectEditorRoles: readonly Me['role'][] = ['admin', 'moderator', 'curator', 'operator'];
