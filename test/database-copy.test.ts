import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PETITION_SLUG } from '../src/features/petitions/seed.ts';
import { petitionBySlug, writeSignatures } from '../src/features/petitions/service.ts';
import { readFlags } from '../src/platform/flags.ts';
import { describeEachDatabase, openTestPostgres } from './support/databases.ts';
import { fingerprint, refusalOf, secrets, seededSource, signer, totalRows } from './support/site-data.ts';
import { rowsOf, type Database } from '../src/platform/db/client.ts';
import { copyToPostgresFromCli, embeddedSource, type CopySource } from '../src/platform/db/copy-cli.ts';
import { copyDatabase, CopyRefused, tablesOf } from '../src/platform/db/copy.ts';

describeEachDatabase('copyDatabase into an empty database', (getTarget) => {
  let source: Database;
  beforeAll(async () => {
    source = await seededSource();
  }, 60_000);
  afterAll(async () => source?.close());

  it('copies nothing when a row is refused part way: the target stays empty', async () => {
    const target = getTarget().db;
    // A table copied after most others refuses every row.
    await target.execute(sql`alter table supporter_events add constraint copy_test_refuse check (false) not valid`);
    try {
      const refusal = await refusalOf(copyDatabase(source.db, target));
      expect(refusal).toBeInstanceOf(CopyRefused);
      expect(refusal.message).toMatch(
        /Table supporter_events could not be copied \(.*copy_test_refuse.*\)\. Nothing was written/,
      );
      // The driver's own message quotes the rows; the admin's must not.
      expect(refusal.message).not.toMatch(/web-form|example\.org/);
    } finally {
      await target.execute(sql`alter table supporter_events drop constraint copy_test_refuse`);
    }
    expect(await totalRows(target)).toBe(0);
  });

  it('copies every table exactly, checks the counts, and moves sequences past the copied ids', async () => {
    const target = getTarget().db;
    const reported: string[] = [];
    // Small pages (three 8 kB blocks), so that the larger tables are read in many.
    const copied = await copyDatabase(source.db, target, {
      onTable: ({ table }) => reported.push(table),
      blocksPerPage: 3,
    });
    expect(copied.map((c) => c.table).sort()).toEqual(await tablesOf(source.db));
    expect(reported).toEqual(copied.map((c) => c.table));
    for (const name of [
      'pages',
      'petitions',
      'supporters',
      'petition_signatures',
      'email_outbox',
      'supporter_events',
      'audit_log',
    ]) {
      expect(copied.find((c) => c.table === name)?.rows, name).toBeGreaterThan(0);
    }
    expect(copied.find((c) => c.table === 'petition_signatures')?.rows).toBe(2347);
    // Every value, of every column (times to the microsecond, JSON,
    // arrays, the text with quotes, line breaks and accents).
    for (const table of await tablesOf(source.db))
      expect(await fingerprint(target, table), table).toEqual(await fingerprint(source.db, table));
    // resource_translations.search is a generated column: not copied
    // but computed again, and the fingerprint above found it the same.
    expect(copied.find((c) => c.table === 'resource_translations')?.rows).toBeGreaterThan(0);

    // The site goes on writing on the target: new ids follow the copied ones instead of colliding with them.
    const petition = (await petitionBySlug(target, DEMO_PETITION_SLUG))!;
    const [before] = await rowsOf<{ id: number }>(target, sql`select max(id) as id from petition_signatures`);
    const [outcome] = await writeSignatures(target, [signer(petition.id, 'new@example.org', 'New')], {
      secrets,
      emailDomain: 'example.org',
    });
    expect(outcome!.fresh).toBe(true);
    expect(outcome!.signatureId).toBeGreaterThan(Number(before!.id));
  });

  it('refuses a target that already holds data, and leaves it as it was', async () => {
    const target = getTarget().db;
    const before = await fingerprint(target, 'petition_signatures');
    const refusal = await refusalOf(copyDatabase(source.db, target));
    expect(refusal).toBeInstanceOf(CopyRefused);
    expect(refusal.message).toMatch(/already holds data .*petition_signatures/);
    expect(await fingerprint(target, 'petition_signatures')).toEqual(before);
  });
});

describe('npm run cli -- db:copy-to-postgres', () => {
  const pglite = { databaseUrl: undefined, dataDir: '/nonexistent' };
  const unopened = {
    where: '/site/data/pglite',
    exists: () => true,
    open: () => Promise.reject(new Error('the source must not be opened')),
  };
  const refusal = (
    config: { databaseUrl: string | undefined; dataDir: string },
    flags: Record<string, string>,
    source: CopySource = unopened,
  ): Promise<Error> => refusalOf(copyToPostgresFromCli(config, flags, () => {}, source));

  it('says plainly what is wrong before touching anything', async () => {
    expect(
      (await refusal({ databaseUrl: 'postgres://x@127.0.0.1/y', dataDir: '/d' }, { to: 'postgres://x@127.0.0.1/z' }))
        .message,
    ).toMatch(/already runs on PostgreSQL/);
    expect((await refusal(pglite, {})).message).toMatch(/--to postgres:\/\//);
    expect((await refusal(pglite, { to: 'true' })).message).toMatch(/Give the target database/);
    expect((await refusal(pglite, { to: 'mysql://x@host/db' })).message).toMatch(/must be a PostgreSQL URL/);
    // A password with an unescaped "#" or "/" makes a URL that cannot
    // be read, so it could not be shown with the password hidden.
    const unreadable = await refusal(pglite, { to: 'postgres://admin:pa/ss#k3y9@[bad/site' });
    expect(unreadable.message).toMatch(/not a URL that can be read/);
    expect(unreadable.message).not.toContain('k3y9');
    // Nothing listens on port 1: the message names the server, never the password.
    const unreachable = await refusal(pglite, { to: 'postgres://admin:s3cret-pass@127.0.0.1:1/site' });
    expect(unreachable).toBeInstanceOf(CopyRefused);
    expect(unreachable.message).toMatch(
      /Could not reach the target database at postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/site/,
    );
    expect(unreachable.message).not.toContain('s3cret-pass');
  });

  it('refuses a DATA_DIR that holds no embedded database, instead of copying a new empty one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'groundswell-copy-'));
    try {
      const refused = await refusal(
        { databaseUrl: undefined, dataDir: empty },
        { to: 'postgres://x@127.0.0.1:1/z' },
        embeddedSource(empty),
      );
      expect(refused.message).toBe(
        `There is no embedded database in ${join(empty, 'pglite')} to copy. Check DATA_DIR.`,
      );
      expect(existsSync(join(empty, 'pglite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('keeps every "=" of a URL given as --to=…', () => {
    const takes = { to: 'postgres://…', role: 'admin' };
    expect(readFlags(['--to=postgres://u@h/db?sslmode=require&application_name=a=b'], takes)).toEqual({
      to: 'postgres://u@h/db?sslmode=require&application_name=a=b',
    });
    expect(readFlags(['--to', 'postgres://u@h/db?sslmode=require', '--role=admin'], takes)).toEqual({
      to: 'postgres://u@h/db?sslmode=require',
      role: 'admin',
    });
  });

  const postgresUrl = inject('postgresUrl');
  it.runIf(postgresUrl)(
    'copies a PGlite site into a new PostgreSQL database and says what to do next',
    async () => {
      const target = await openTestPostgres(postgresUrl);
      const source = await seededSource();
      try {
        const lines: string[] = [];
        await copyToPostgresFromCli(pglite, { to: target.url }, (line) => lines.push(line), {
          where: 'a test PGlite',
          exists: () => true,
          open: async () => source,
        });
        expect(lines.join('\n')).toMatch(/Copied [\d,]+ rows in \d+ tables; each table's count checked/);
        expect(lines.join('\n')).toMatch(/set DATABASE_URL/);
        expect(await totalRows(target.db)).toBeGreaterThan(2347);
      } finally {
        await target.drop();
      }
    },
    60_000,
  );
});
