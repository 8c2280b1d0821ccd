import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';

export const chambers = ['upper', 'lower'] as const;
export type Chamber = (typeof chambers)[number];

/**
 * Public reference data, loaded by `npm run cli -- reference:import`, never
 * committed to the project: it belongs to its publishers (the US Census
 * Bureau, Open States) and changes after every election.
 */

/** Oregon's 30 Senate ('upper') and 60 House ('lower') districts. */
export const legislativeDistricts = pgTable(
  'legislative_districts',
  {
    chamber: text('chamber').$type<Chamber>().notNull(),
    /** "1" … "30" / "60", without padding. */
    district: text('district').notNull(),
    name: text('name').notNull(),
    /** GeoJSON Polygon or MultiPolygon in longitude/latitude, for point-in-polygon. */
    geometry: jsonb('geometry').$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }>().notNull(),
    /** The district's outline as an SVG path in the map's own coordinates, simplified once at import. */
    svgPath: text('svg_path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chamber, t.district] })],
);

/** Sitting legislators, from Open States. */
export const legislators = pgTable('legislators', {
  /** Open States person id (ocd-person/…). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  givenName: text('given_name').notNull().default(''),
  familyName: text('family_name').notNull().default(''),
  party: text('party').notNull().default(''),
  chamber: text('chamber').$type<Chamber>().notNull(),
  district: text('district').notNull(),
  email: text('email'),
  /** Offices, links and the like as Open States gives them. */
  contact: jsonb('contact').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a ZIP code (its Census ZCTA) tells: the counties and districts it
 * overlaps. Only a single entry is a fact about everyone in it; several mean
 * "ask", never "guess".
 */
export const zipAreas = pgTable('zip_areas', {
  zip: text('zip').primaryKey(),
  /** County names, largest share of land first. */
  counties: jsonb('counties').$type<string[]>().notNull(),
  senateDistricts: jsonb('senate_districts').$type<string[]>().notNull(),
  houseDistricts: jsonb('house_districts').$type<string[]>().notNull(),
});

/** One row per import: what was loaded, from where, when — shown to staff, and credited on the site. */
export const referenceImports = pgTable('reference_imports', {
  id: serial('id').primaryKey(),
  dataset: text('dataset').notNull(),
  source: text('source').notNull(),
  rows: integer('rows').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A legislator as staff read a change: who, which seat. */
export type SeatHolder = { name: string; chamber: Chamber; district: string; party: string };

/** What an import changed, against what was loaded before (reference/changes.ts works it out). */
export type ReferenceChanges = {
  /** Nothing was loaded before. */
  firstImport: boolean;
  legislators: { arrived: SeatHolder[]; left: SeatHolder[]; changed: { before: SeatHolder; after: SeatHolder }[] };
  districts: { before: number; after: number; redrawn: number };
  zips: { added: number; removed: number; changed: number };
};

export const importJobStatuses = ['running', 'finished', 'failed'] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];
/** Reading the files, checking them, writing them to the database; then done. */
export const importSteps = ['reading', 'checking', 'writing', 'done'] as const;
export type ImportStep = (typeof importSteps)[number];

/**
 * An import an admin started from the workspace. It runs in one site process,
 * but its state is here, so every process shows the same progress; the unique
 * index lets at most one be running.
 */
export const referenceImportJobs = pgTable(
  'reference_import_jobs',
  {
    id: serial('id').primaryKey(),
    status: text('status').$type<ImportJobStatus>().notNull().default('running'),
    step: text('step').$type<ImportStep>().notNull().default('reading'),
    /** The folder on the server it reads. */
    folder: text('folder').notNull(),
    startedBy: integer('started_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Moves at every step: a running job that stops moving belonged to a process that stopped. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** What the files hold, once checked: { senateDistricts, houseDistricts, legislators, zips }. */
    found: jsonb('found').$type<{
      senateDistricts: number;
      houseDistricts: number;
      legislators: number;
      zips: number;
    }>(),
    /** What the import changed, once written. */
    changes: jsonb('changes').$type<ReferenceChanges>(),
    /** Why it failed, in words for staff. */
    error: text('error'),
  },
  (t) => [uniqueIndex('reference_import_jobs_one_running').on(t.status).where(sql`status = 'running'`)],
);

/** Committees of the Legislature, from Open States: 'upper', 'lower' or 'legislature' (a joint committee). */
export const committees = pgTable('committees', {
  /** Open States organization id (ocd-organization/…). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  chamber: text('chamber').$type<Chamber | 'legislature'>().notNull(),
});

/**
 * Who sits on a committee. The legislator id is deliberately not a foreign
 * key: an import replaces the roster and its committees together, and nothing
 * else may hold on to a roster row (letters keep their own copy of a recipient).
 */
export const committeeMembers = pgTable(
  'committee_members',
  {
    committeeId: text('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    legislatorId: text('legislator_id').notNull(),
    /** "member", "chair", "vice-chair", "co-chair", "alternate"… as Open States gives it. */
    role: text('role').notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.legislatorId] })],
);
