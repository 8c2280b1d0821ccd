import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { supporters } from './schema.ts';

export type DuplicateReason = 'phone' | 'zip';
export type DuplicatePerson = Pick<
  typeof supporters.$inferSelect,
  'id' | 'givenName' | 'familyName' | 'emailAsTyped' | 'phone' | 'zip' | 'createdAt'
>;
export type LikelyDuplicate = { first: DuplicatePerson; second: DuplicatePerson; why: DuplicateReason[] };

// Accented letters, both cases (PGlite's lower() leaves non-ASCII letters as they are), and what they fold to.
const ACCENTED = 'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿÁÀÂÄÃÅĀÉÈÊËĒÍÌÎÏĪÓÒÔÖÕØŌÚÙÛÜŪÑÇÝ';
const FOLDED = 'aaaaaaaeeeeeiiiiiooooooouuuuuncyyaaaaaaaeeeeeiiiiiooooooouuuuuncy';

/**
 * A name as the duplicate check compares it: given and family name, case, accents (composed or not) and spacing
 * folded away, so "José  Núñez" and "jose nunez" match. Immutable functions only, so an expression index can
 * hold it when the list grows past what one scan answers quickly (ADR 069).
 */
const nameKey = sql`regexp_replace(translate(lower(regexp_replace(
    trim(${supporters.givenName}) || ' ' || trim(${supporters.familyName}), '[\u0300-\u036f]', '', 'g')),
    ${ACCENTED}, ${FOLDED}), '\\s+', ' ', 'g')`;
/** The phone's last ten digits: "+1 (503) 555-0143" and "503.555.0143" match. */
const phoneKey = sql`right(regexp_replace(coalesce(${supporters.phone}, ''), '\\D', '', 'g'), 10)`;
const zipKey = sql`left(coalesce(${supporters.zip}, ''), 5)`;

/**
 * Pairs of records that are likely one person, a page at a time: the same name and phone, or the same name and
 * ZIP (the same email cannot happen: it is the key). One scan of the list, grouped in the database by those keys,
 * never a comparison of each person with each other; in a group of three the earliest pairs with each of the others.
 */
export async function likelyDuplicates(
  db: Db,
  page: { page: number; perPage: number },
): Promise<{ total: number; pairs: LikelyDuplicate[] }> {
  const rows = await rowsOf<{ first_id: number; second_id: number; why: DuplicateReason[]; total: string }>(
    db,
    sql`with keyed as (
          select ${supporters.id} as id, ${nameKey} as name_key, ${phoneKey} as phone_key, ${zipKey} as zip_key
          from ${supporters} where trim(${supporters.givenName}) <> ''
        ), grouped as (
          select 'phone' as why, array_agg(id order by id) as ids from keyed
            where length(phone_key) >= 7 group by name_key, phone_key having count(*) > 1
          union all
          select 'zip', array_agg(id order by id) from keyed
            where length(zip_key) = 5 group by name_key, zip_key having count(*) > 1
        ), pairs as (
          select grouped.ids[1] as first_id, other as second_id, grouped.why
          from grouped, unnest(grouped.ids[2:]) as other
        )
        select first_id, second_id, array_agg(why order by why) as why, count(*) over () as total
        from pairs group by first_id, second_id
        order by first_id desc, second_id desc
        limit ${page.perPage} offset ${(page.page - 1) * page.perPage}`,
  );
  if (rows.length === 0) return { total: 0, pairs: [] };
  const ids = [...new Set(rows.flatMap((r) => [r.first_id, r.second_id]))];
  const people = await db
    .select({
      id: supporters.id,
      givenName: supporters.givenName,
      familyName: supporters.familyName,
      emailAsTyped: supporters.emailAsTyped,
      phone: supporters.phone,
      zip: supporters.zip,
      createdAt: supporters.createdAt,
    })
    .from(supporters)
    .where(inArray(supporters.id, ids));
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    total: Number(rows[0]!.total),
    pairs: rows.flatMap((r) => {
      const first = byId.get(r.first_id);
      const second = byId.get(r.second_id);
      return first && second ? [{ first, second, why: r.why }] : [];
    }),
  };
}
