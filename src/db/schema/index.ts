// analytics: per-report facts, monthly roll-ups, the working-day index, spike alerts

export * from './addresses.ts';
export * from './analytics.ts';
// answer-quality: templates and review flags
export * from './answer-quality.ts';
export * from './appeals.ts';
export * from './audit.ts';
export * from './calendar.ts';
export * from './classifier.ts';
// Organisation directory (hours, services) and the knowledge base.
export * from './directory.ts';
// Participation: public discussions with the opinion map, residents' initiatives.
export * from './discussions.ts';
export * from './duplicates.ts';
export * from './identity.ts';
// Import of historical reports (vmeste import).
export * from './imports.ts';
export * from './initiatives.ts';
export * from './knowledge.ts';
// Notices of planned works, outages and events; city objects and their works.
export * from './notices.ts';
export * from './notifications.ts';
export * from './objects.ts';
export * from './oidc.ts';
export * from './open311.ts';
// Participation: polls, surveys and rating votes.
export * from './participation.ts';
export * from './platform.ts';
export * from './reference.ts';
export * from './reports.ts';
// Account security: e-mailed tokens, account mail, log-in lock-out.
export * from './security.ts';
export * from './webhooks.ts';
// The staff workspace: saved work-list views.
export * from './workspace.ts';
