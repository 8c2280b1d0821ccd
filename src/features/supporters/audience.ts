import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { isSuppressedAddress } from '../email/service.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import type { Topic } from './schema.ts';

/**
 * A slice of the list: subscribers of one topic, narrowed by any of these. `supporterIds` narrows it to people
 * another feature chose when the draft was made (an event's attendees), named for staff by `label`; the topic's
 * consent still holds, so nobody is reached who did not ask for that kind of email.
 */
export type Audience = {
  topic: Topic;
  tag?: string;
  county?: string;
  locale?: Locale;
  supporterIds?: number[];
  label?: string;
  /**
   * The saved segment `supporterIds` were taken from when the draft was saved (issue 18): its people are written down
   * then, so a segment changed or deleted later never changes a broadcast already prepared (ADR crm-segments).
   */
  segmentId?: number;
};

/**
 * The condition, over supporters aliased `s`, for people in an audience:
 * subscribed to the topic now (never pending, never unsubscribed), not
 * suppressed by a bounce or complaint, and narrowed as asked. One
 * definition for counting and for sending, so the count shown before
 * sending is the number that gets it.
 */
export function audienceCondition(audience: Audience): SQL {
  const parts: SQL[] = [
    sql`exists (select 1 from subscriptions sub
                 where sub.supporter_id = s.id and sub.topic = ${audience.topic} and sub.status = 'subscribed')`,
    sql`not ${isSuppressedAddress(sql`s.email`)}`,
  ];
  if (audience.tag)
    parts.push(sql`exists (select 1 from supporter_tags t where t.supporter_id = s.id and t.tag = ${audience.tag})`);
  if (audience.county) parts.push(sql`s.county = ${audience.county}`);
  if (audience.locale) parts.push(sql`s.locale = ${audience.locale}`);
  // One parameter however many people: a JSON array, opened in the statement.
  if (audience.supporterIds)
    parts.push(sql`s.id in (select (jsonb_array_elements_text(${JSON.stringify(audience.supporterIds)}::jsonb))::int)`);
  return sql.join(parts, sql` and `);
}

/**
 * The people in an audience, for another feature's statement (a broadcast
 * writing down its recipients, or counting them first): columns supporter_id,
 * email, given_name, locale.
 */
export function audienceMembers(audience: Audience): SQL {
  return sql`select s.id as supporter_id, s.email, s.given_name, s.locale
    from supporters s where ${audienceCondition(audience)}`;
}

/** The condition that this person left the topic since then (a broadcast's unsubscribes). */
export function unsubscribedSince(supporterIdSql: AnyPgColumn | SQL, topic: Topic, since: Date): SQL {
  return sql`exists (select 1 from subscriptions sub where sub.supporter_id = ${supporterIdSql} and sub.topic = ${topic}
    and sub.status = 'unsubscribed' and sub.updated_at >= ${since})`;
}

/**
 * Of these (outbox id, supporter id) pairs, the ones whose person no longer
 * wants mail on the topic: unsubscribed since the message was queued, erased,
 * or suppressed. One query per batch.
 */
export function noLongerWantedCondition(topicSql: SQL, supporterIdSql: SQL, addressSql: SQL): SQL {
  return sql`(${isSuppressedAddress(addressSql)}
     or not exists (select 1 from subscriptions sub
                    where sub.supporter_id = ${supporterIdSql} and sub.topic = ${topicSql}
                      and sub.status = 'subscribed'))`;
}

/** The counties people on the list live in, for audience pickers. */
export async function knownCounties(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ county: string }>(
    db,
    sql`select distinct county from supporters where county is not null order by county`,
  );
  return rows.map((r) => r.county);
}
