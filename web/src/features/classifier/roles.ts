import type { Me } from '@shared/identity/identity.schemas.ts';

/** Who may see the classifier's figures (the server decides; this only shows the link). */
export const classifierRoles: readonly Me['role'][] = ['admin', 'analyst', 'curator'];

export function canSeeClassifier(role: Me['role']): boolean {
  return classifierRoles.includes(role);
}
