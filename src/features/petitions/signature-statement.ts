import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { jsonRows, rowsOf, type Db } from '../../platform/db/client.ts';
import { sha256 } from '../../platform/crypto.ts';
import { queueEmailsWhere } from '../email/service.ts';
import { addToTimelineFrom, upsertSupportersFrom } from '../supporters/service.ts';
import {
  confirmationEmail,
  SIGNATURE_PENDING_MS,
  signatureToken,
  type PendingSignature,
  type SigningContext,
} from './pending-signature.ts';

/** Each signer of a batch: their supporter row, and their new signature (none for someone who had signed already). */
export type Written = Map<PendingSignature, { supporterId: number; signatureId: number | undefined }>;

/**
 * The one statement: data-modifying CTEs over one jsonb parameter. Anyone
 * who signed this petition before is left alone here (no signature, no
 * email, no timeline entry: each follows from the signature insert's
 * RETURNING) and handled as a repeat afterwards. The supporters and email
 * features own their tables and write the pieces on them (a signer becomes a
 * supporter, filling in only what was blank; a timeline entry; a queued
 * email), as CTEs composed here, so the batch stays one round trip. Raw SQL:
 * the query builder would spend more time building a 250-row statement than
 * the database spends running it.
 */
export async function insertSignatures(
  db: Db,
  sorted: PendingSignature[],
  ctx: SigningContext,
  now: Date,
): Promise<Written> {
  const expiresAt = new Date(now.getTime() + SIGNATURE_PENDING_MS);
  const nonces = randomBytes(18 * sorted.length);
  const rows = sorted.map((s, i) => {
    const nonce = nonces.subarray(18 * i, 18 * (i + 1)).toString('base64url');
    return { s, nonce, token: signatureToken(ctx.secrets, nonce) };
  });
  const emails = rows.map(({ s, nonce, token }) => ({ ...confirmationEmail(s, nonce, token, 1), ref: nonce }));
  const result = await rowsOf<{ email: string; supporter_id: number | string; signature_id: number | string | null }>(
    db,
    sql`with v as (
          select * from rows from (jsonb_to_recordset(${jsonRows(
            rows.map(({ s, nonce, token }) => ({
              email: s.email,
              email_as_typed: s.emailAsTyped,
              given_name: s.givenName,
              family_name: s.familyName,
              zip: s.zip,
              county: s.county,
              locale: s.locale,
              first_source: s.source,
              petition_id: s.petitionId,
              city: s.city,
              street: s.street,
              comment: s.comment,
              show_publicly: s.showPublicly,
              token_nonce: nonce,
              token_hash: sha256(token),
              senate_district: s.senateDistrict,
              house_district: s.houseDistrict,
              district_source: s.districtSource,
              ip_hash: s.ipHash,
              email_domain: s.email.slice(s.email.lastIndexOf('@') + 1),
              method: s.method ?? 'web-form',
            })),
          )}) as (
            email text, email_as_typed text, given_name text, family_name text, zip text, county text, locale text,
            first_source text, petition_id int, city text, street text, comment text, show_publicly boolean,
            token_nonce text, token_hash text, senate_district text, house_district text, district_source text,
            ip_hash text, email_domain text, method text
          )) with ordinality as v(
            email, email_as_typed, given_name, family_name, zip, county, locale, first_source, petition_id, city,
            street, comment, show_publicly, token_nonce, token_hash, senate_district, house_district, district_source,
            ip_hash, email_domain, method, n
          )
        ),
        people as (${upsertSupportersFrom(
          sql`select email, email_as_typed, given_name, family_name, zip, county, locale, first_source
            from v order by n`,
          now,
        )}),
        signed as (
          insert into petition_signatures (
            petition_id, supporter_id, given_name, family_name, zip, city, street, comment, show_publicly,
            token_nonce, token_hash, senate_district, house_district, district_source, locale, ip_hash, email_domain,
            created_at, expires_at
          )
          select v.petition_id, people.id, v.given_name, v.family_name, v.zip, v.city, v.street, v.comment,
            v.show_publicly, v.token_nonce, v.token_hash, v.senate_district, v.house_district, v.district_source,
            v.locale, v.ip_hash, v.email_domain,
            ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
          from v join people on people.email = v.email
          order by v.n
          on conflict do nothing
          returning id, supporter_id, token_nonce
        ),
        mail as (${queueEmailsWhere(emails, { domain: ctx.emailDomain }, sql`select token_nonce from signed`)}),
        timeline as (${addToTimelineFrom(
          sql`select signed.supporter_id, 'signed',
            jsonb_build_object('petitionId', v.petition_id, 'signatureId', signed.id, 'method', v.method),
            ${now.toISOString()}::timestamptz
          from signed join v on v.token_nonce = signed.token_nonce`,
        )})
        select people.email, people.id as supporter_id, signed.id as signature_id
        from people left join signed on signed.supporter_id = people.id`,
  );
  const byEmail = new Map(result.map((r) => [r.email, r]));
  return new Map(
    sorted.map((s) => {
      const row = byEmail.get(s.email)!;
      return [
        s,
        {
          supporterId: Number(row.supporter_id),
          signatureId: row.signature_id === null ? undefined : Number(row.signature_id),
        },
      ];
    }),
  );
}
