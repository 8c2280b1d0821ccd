import { sql } from 'drizzle-orm';
import { seedDemoContent } from '../../src/features/content/seed/index.ts';
import { DEMO_PETITION_SLUG, seedDemoPetition } from '../../src/features/petitions/seed.ts';
import { petitionBySlug, writeSignatures, type PendingSignature } from '../../src/features/petitions/service.ts';
import { Secrets } from '../../src/platform/crypto.ts';
import { rowsOf, type Database, type Db } from '../../src/platform/db/client.ts';
import { tablesOf } from '../../src/platform/db/copy.ts';
import { openTestPglite } from './databases.ts';
import { generateSignatures } from './petition-signatures.ts';

/** A whole site's data for the tests that copy, back up and restore it, and the means to compare two copies. */

export const secrets = new Secrets('copy-test-secret-key-long-enough-0123456789');

/**
 * A site with something in most tables: the demo content and petition, 2,345 signatures
 * (three pages of a copy), and signers written as the sign form writes them.
 */
export async function seededSource(): Promise<Database> {
  const source = await openTestPglite();
  await seedDemoContent(source.db);
  await seedDemoPetition(source.db);
  const petition = (await petitionBySlug(source.db, DEMO_PETITION_SLUG))!;
  await generateSignatures(source.db, { petitionId: petition.id, count: 2345, prefix: 'copy' });
  await writeSignatures(
    source.db,
    [
      signer(petition.id, 'ana@example.org', 'Ana María Ñúñez'),
      signer(petition.id, 'lee@example.org', 'Lee "quoted" O\'Neil'),
    ],
    {
      secrets,
      emailDomain: 'example.org',
    },
  );
  return source;
}

export function signer(petitionId: number, email: string, givenName: string): PendingSignature {
  return {
    petitionId,
    email,
    emailAsTyped: email,
    givenName,
    familyName: 'Signer',
    zip: '97204',
    street: null,
    comment: 'Line one\nline two, with "quotes" and \\ a backslash',
    showPublicly: true,
    senateDistrict: '17',
    houseDistrict: '33',
    districtSource: 'zip',
    city: 'Portland',
    county: 'Multnomah',
    locale: 'es',
    ipHash: 'hash',
    source: 'copy-test',
    newsletter: undefined,
    petition: { slug: DEMO_PETITION_SLUG, title: 'Safety' },
  };
}

/**
 * Every row of a table as text, in one order, with times written
 * in UTC: equal on both sides only if the copy is exact.
 */
export async function fingerprint(db: Db, table: string): Promise<{ rows: number; digest: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const [row] = await rowsOf<{ rows: number | string; digest: string | null }>(
      tx,
      sql`select count(*) as rows, md5(string_agg(row_to_json(t)::text, '|' order by row_to_json(t)::text)) as digest
        from ${sql.identifier(table)} t`,
    );
    return { rows: Number(row!.rows), digest: row!.digest ?? '' };
  });
}

/** The error a promise is rejected with; a promise that fulfils fails the test. */
export const refusalOf = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => new Error('expected a refusal'),
    (error: unknown) => error as Error,
  );

export async function totalRows(db: Db): Promise<number> {
  let sum = 0;
  for (const table of await tablesOf(db)) sum += (await fingerprint(db, table)).rows;
  return sum;
}
