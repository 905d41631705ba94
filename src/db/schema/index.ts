// answer-quality: templates and review flags
export * from './answer-quality.ts';
export * from './appeals.ts';
export * from './audit.ts';
export * from './calendar.ts';
export * from './classifier.ts';
export * from './duplicates.ts';
export * from './identity.ts';
// Import of historical reports (vmeste import).
export * from './imports.ts';
export * from './notifications.ts';
export * from './oidc.ts';
export * from './open311.ts';
export * from './platform.ts';
export * from './reference.ts';
export * from './reports.ts';
// Account security: e-mailed tokens, account mail, log-in lock-out.
export * from './security.ts';
export * from './webhooks.ts';
