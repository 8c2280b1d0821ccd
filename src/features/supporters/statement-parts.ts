import { sql, type SQL } from 'drizzle-orm';

/**
 * Pieces of another feature's one-statement write that touch this feature's
 * tables: data-modifying CTEs it composes (a batch of petition signers is
 * written in one round trip, ADR 022). The rules for a supporter row stay
 * here, beside the service that writes one person at a time.
 *
 * Each takes the rows as a select from the caller's own statement; the
 * columns are named in the order given, and the text never changes, so the
 * caller's statement can stay prepared.
 */

/** The columns, in this order, of the select `upsertSupportersFrom` takes. */
const SUPPORTER_COLUMNS = sql.raw('email, email_as_typed, given_name, family_name, zip, county, locale, first_source');

/**
 * People who acted through another feature's form (signed a petition):
 * someone new becomes a supporter; someone already on record only gets what
 * was blank filled in, never overwritten from a form anyone can send. Rows
 * are taken in the select's order (so concurrent batches lock people in the
 * same order). Returns `id, email` of every one of them.
 */
export function upsertSupportersFrom(people: SQL, now: Date): SQL {
  return sql`insert into supporters (${SUPPORTER_COLUMNS})
    ${people}
    on conflict (email) do update set
      given_name = case when supporters.given_name = '' then excluded.given_name else supporters.given_name end,
      family_name = case when supporters.family_name = '' then excluded.family_name else supporters.family_name end,
      zip = coalesce(supporters.zip, excluded.zip),
      county = coalesce(supporters.county, excluded.county),
      updated_at = ${now.toISOString()}::timestamptz
    returning id, email`;
}

/**
 * Moments in supporters' timelines from another feature's statement, written
 * exactly when what they record is (each row of `entries`: supporter_id,
 * kind, detail as jsonb, at). The one-at-a-time form is `addToTimeline`.
 */
export function addToTimelineFrom(entries: SQL): SQL {
  return sql`insert into supporter_events (supporter_id, kind, detail, at) ${entries}`;
}
