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
// Notices of planned works, outages and events; city objects and their works.
export * from './notices.ts';
export * from './notifications.ts';
export * from './objects.ts';
export * from './oidc.ts';
export * from './open311.ts';
export * from './platform.ts';
export * from './reference.ts';
export * from './reports.ts';
export * from './webhooks.ts';
