export * from './audit.ts';
export * from './classifier.ts';
export * from './identity.ts';
// Import of historical reports (vmeste import).
export * from './imports.ts';
export * from './platform.ts';
export * from './reference.ts';
export * from './reports.ts';
