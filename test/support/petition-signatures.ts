import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/platform/db/client.ts';
import { petitions, signatures } from '../../src/features/petitions/schema.ts';
import { supporters } from '../../src/features/supporters/schema.ts';

/** A petition to sign, made directly (the staff form has tests of its own). */
export async function makePetition(
  db: Db,
  slug: string,
  extra: Partial<typeof petitions.$inferInsert> = {},
): Promise<number> {
  const [row] = await db
    .insert(petitions)
    .values({
      slug,
      target: 'Oregon Legislature',
      en: { title: `Petition ${slug}`, summary: 'Summary', statement: 'Everyone deserves **safety**.' },
      goal: 1000,
      status: 'open',
      ...extra,
    })
    .returning({ id: petitions.id });
  return row!.id;
}

/**
 * `count` signers and their signatures, written set-wise (INSERT … SELECT
 * over generate_series), so a million take seconds rather than an hour.
 * Everything varies with the row number `g`, the same way on every run:
 * 80 % verified, 15 % pending, 5 % expired; Senate district g % 30 + 1 and
 * House g % 60 + 1 except every 13th, unknown; every 7th comment has a
 * comma and quotes, every 11th starts with "=" (a would-be formula), every
 * 17th has a line break (the 11th and 17th win over the 7th); every 3rd signer agreed to be shown publicly. The
 * shard count is set to the verified ones, as confirmations would have.
 */
export async function generateSignatures(
  db: Db,
  options: { petitionId: number; count: number; prefix: string; emailDomain?: string },
): Promise<{ verified: number }> {
  const { petitionId, count, prefix } = options;
  const domain = options.emailDomain ?? 'example.org';
  await db.execute(sql`
    insert into supporters (email, email_as_typed, given_name, family_name, zip, county, locale)
    select ${prefix} || '-' || g || '@' || ${domain}, ${prefix} || '-' || g || '@' || ${domain},
           'Ana' || g, 'Rivera-' || g, (97001 + g % 900)::text,
           case when g % 4 = 0 then 'Multnomah' when g % 4 = 1 then 'Lane' else null end,
           case when g % 5 = 0 then 'es' else 'en' end
    from generate_series(1, ${count}::int) g`);
  await db.execute(sql`
    insert into petition_signatures (
      petition_id, supporter_id, given_name, family_name, zip, city, street, comment, show_publicly, status,
      token_hash, senate_district, house_district, district_source, locale, ip_hash, email_domain,
      created_at, verified_at, expires_at
    )
    select ${petitionId}, s.id, s.given_name, s.family_name, s.zip,
           case when x.g % 2 = 0 then 'Portland' else 'Eugene' end,
           case when x.g % 3 = 0 then x.g || ' Main St' else null end,
           case when x.g % 17 = 0 then 'Line one' || chr(10) || 'line two'
                when x.g % 11 = 0 then '=HYPERLINK("http://evil.example","click")'
                when x.g % 7 = 0 then 'Safety, "healing" and second chances'
                else null end,
           x.g % 3 = 0,
           case when x.g % 20 < 16 then 'verified' when x.g % 20 < 19 then 'pending' else 'expired' end,
           ${prefix} || '-token-' || x.g,
           case when x.g % 13 = 0 then null else (x.g % 30 + 1)::text end,
           case when x.g % 13 = 0 then null else (x.g % 60 + 1)::text end,
           case when x.g % 13 = 0 then 'unknown' else 'zip' end,
           s.locale,
           'iphash' || (x.g % 50), ${domain},
           now() - (x.g % 40000) * interval '1 minute',
           case when x.g % 20 < 16 then now() - (x.g % 40000) * interval '1 minute' + interval '5 minutes'
                else null end,
           now() + interval '30 days'
    from supporters s
    cross join lateral (
      select substring(
        s.email from length(${prefix}) + 2 for position('@' in s.email) - length(${prefix}) - 2
      )::int as g
    ) x
    where s.email like ${`${prefix}-%@${domain}`}
    order by x.g`);
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from petition_signatures
      where petition_id = ${petitionId} and status = 'verified' and token_hash like ${`${prefix}-token-%`}`,
  );
  const n = Number(row!.n);
  await db.execute(sql`
    insert into petition_count_shards (petition_id, shard, verified) values (${petitionId}, 0, ${n})
    on conflict (petition_id, shard) do update set verified = petition_count_shards.verified + ${n}`);
  return { verified: n };
}

/** One signature, with its signer, as the signing side would leave it. */
export async function addSignature(
  db: Db,
  petitionId: number,
  s: Partial<typeof signatures.$inferInsert> = {},
): Promise<number> {
  const tag = randomBytes(5).toString('hex');
  const [person] = await db
    .insert(supporters)
    .values({
      email: `signer-${tag}@example.net`,
      emailAsTyped: `signer-${tag}@example.net`,
      givenName: 'Sam',
      familyName: 'Okafor',
    })
    .returning({ id: supporters.id });
  const [row] = await db
    .insert(signatures)
    .values({
      petitionId,
      supporterId: person!.id,
      givenName: 'Sam',
      familyName: 'Okafor',
      zip: '97301',
      tokenHash: `t-${tag}`,
      expiresAt: new Date(Date.now() + 86_400_000),
      ...s,
    })
    .returning({ id: signatures.id });
  return row!.id;
}
