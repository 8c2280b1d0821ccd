// Every table of the product, gathered for Drizzle and drizzle-kit. Each
// feature owns its own schema file; this list only names them.
export * from '../../features/content/schema.ts';
export * from '../../features/staff/schema.ts';
export * from '../../features/audit/schema.ts';
export * from '../../features/email/schema.ts';
export * from '../../features/supporters/schema.ts';
export * from '../../features/broadcasts/schema.ts';
export * from '../http/form-challenge-schema.ts';
export * from '../../features/reference/schema.ts';
export * from '../../features/petitions/schema.ts';
