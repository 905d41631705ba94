export * from './audit.ts';
export * from './classifier.ts';
export * from './identity.ts';
export * from './platform.ts';
export * from './reference.ts';
export * from './reports.ts';
export * from './webhooks.ts';
