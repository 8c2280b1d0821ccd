import { boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';
import type { Topic } from './schema.ts';

/** Where each of the file's columns goes: a field of ours, by the column's position. */
export type ImportMapping = { columns: string[]; fields: string[] };

/** What a dry run found, or what the import did: counts only, never a person's data. */
export type ImportCounts = {
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
  consents: number;
};

/**
 * One CSV import of supporters: the uploaded file (kept in DATA_DIR only
 * until it is imported or abandoned), the mapping staff chose, and its
 * progress. The row is the job's state: every process reads it, and a run
 * whose row stopped moving belonged to a process that stopped.
 *
 *   uploaded → checking → checked → importing → imported
 *                                 ↘ interrupted (the process stopped: a rerun is safe)
 *   any step → failed (the file could not be read)
 */
export const supporterImports = pgTable('supporter_imports', {
  id: serial('id').primaryKey(),
  status: text('status')
    .$type<'uploaded' | 'checking' | 'checked' | 'importing' | 'imported' | 'interrupted' | 'failed'>()
    .notNull()
    .default('uploaded'),
  /** The stored file's name in DATA_DIR/supporter-imports, random; null once deleted. */
  storedFile: text('stored_file'),
  sizeBytes: integer('size_bytes').notNull(),
  /** The file's header row, as written (column names, not people's data). */
  columns: jsonb('columns').$type<string[]>().notNull(),
  mapping: jsonb('mapping').$type<ImportMapping>(),
  /** Staff chose to replace details on record with the file's, rather than only fill what is empty. */
  updateExisting: boolean('update_existing').notNull().default(false),
  /** The topic a "subscribed" in the file is consent to. */
  consentTopic: text('consent_topic').$type<Topic>().notNull().default('newsletter'),
  /** Data rows in the file, once a pass has read it to the end. */
  totalRows: integer('total_rows'),
  rowsDone: integer('rows_done').notNull().default(0),
  dryRun: jsonb('dry_run').$type<ImportCounts>(),
  outcome: jsonb('outcome').$type<ImportCounts>(),
  error: text('error'),
  startedBy: integer('started_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Moved by every batch: a running import whose row is still for long belonged to a process that stopped. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/**
 * The rows a dry run refused, by row number and reason: what staff fix in
 * their file. No value from the row is kept (it may be someone's address).
 */
export const supporterImportRejections = pgTable(
  'supporter_import_rejections',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => supporterImports.id, { onDelete: 'cascade' }),
    /** The line's record number in the file, the header being row 1, as a spreadsheet numbers it. */
    rowNumber: integer('row_number').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);
