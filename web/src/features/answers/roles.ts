/** Roles that keep answer templates (the server checks the organisation of each one). */
export const templateKeeperRoles = ['operator', 'curator', 'admin'] as const;
