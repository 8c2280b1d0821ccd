import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

/**
 * The walls check (dependency-cruiser) reads imports; it cannot see a table
 * named in a raw statement. This test can: no production file of a feature,
 * nor of the platform, names a table another feature owns in SQL (ADR 033).
 * A feature that needs another's rows uses that feature's service or a SQL
 * fragment it exports (`queueEmailsWhere`, `upsertSupportersFrom`, …).
 */

const features = join(import.meta.dirname, '../src/features');
const isTestCode = (file: string) => /(\.test\.tsx?|test-support\.ts|-fixture\.ts|\/test-data\.ts)$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !isTestCode(file));
}

/** Each table's owner, from the tables each feature's schema.ts declares. */
async function tableOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const feature of readdirSync(features)) {
    let schema: Record<string, unknown>;
    try {
      schema = (await import(join(features, feature, 'schema.ts'))) as Record<string, unknown>;
    } catch {
      continue; // A feature without tables.
    }
    for (const value of Object.values(schema)) if (is(value, Table)) owners.set(getTableName(value), feature);
  }
  return owners;
}

/** Tables named where SQL names a table (after from, join, into, update, truncate), comments left out. */
function tablesNamedIn(source: string, tables: Iterable<string>): { table: string; line: number }[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: { table: string; line: number }[] = [];
  for (const table of tables) {
    const named = new RegExp(`\\b(from|join|into|update|truncate)\\s+"?${table}"?\\b`, 'gi');
    for (const m of code.matchAll(named)) found.push({ table, line: code.slice(0, m.index).split('\n').length });
  }
  return found;
}

describe("a feature's tables are written and read only by its own code", () => {
  it('finds a table named in a statement, and not one named in a comment or as another word', () => {
    const tables = ['supporters', 'email_outbox'];
    expect(tablesNamedIn('sql`insert into supporters (email) values (1)`', tables)).toEqual([
      { table: 'supporters', line: 1 },
    ]);
    expect(
      tablesNamedIn('\nsql`select 1 from "email_outbox" o join supporters s on s.id = o.x`', tables)
        .map((f) => f.table)
        .sort(),
    ).toEqual(['email_outbox', 'supporters']);
    expect(tablesNamedIn('// we insert into supporters here\n/* update email_outbox */', tables)).toEqual([]);
    expect(
      tablesNamedIn("const supporters = 1; from supporters_cache; import { x } from './supporters.ts';", tables),
    ).toEqual([]);
  });

  it('knows every feature that owns tables', async () => {
    const owners = new Set((await tableOwners()).values());
    expect([...owners].sort()).toEqual([
      'api',
      'audit',
      'broadcasts',
      'content',
      'email',
      'events',
      'legislators',
      'letters',
      'media',
      'navigation',
      'news',
      'petitions',
      'privacy',
      'reference',
      'retention',
      'staff',
      'stories',
      'supporters',
      'webhooks',
    ]);
  });

  it("no feature or platform file names another feature's table in SQL", async () => {
    const owners = await tableOwners();
    const src = join(import.meta.dirname, '../src');
    const leaks: string[] = [];
    for (const file of [...sourceFiles(features), ...sourceFiles(join(src, 'platform'))]) {
      const path = relative(src, file);
      const mine = /^features\/([^/]+)\//.exec(path)?.[1];
      const theirs = [...owners].filter(([, owner]) => owner !== mine).map(([table]) => table);
      for (const { table, line } of tablesNamedIn(readFileSync(file, 'utf8'), theirs))
        leaks.push(`src/${path}:${line} names ${table} (${owners.get(table)})`);
    }
    expect(leaks).toEqual([]);
  });
});
