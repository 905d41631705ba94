import type { Me } from '@shared/identity/identity.schemas.ts';

/** Who builds polls and runs votes (the server checks the territory again). */
export const organiserRoles: readonly Me['role'][] = ['admin', 'curator'];
