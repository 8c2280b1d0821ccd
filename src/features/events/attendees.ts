import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { csvLine } from '../petitions/service.ts';
import { listLegislators, type Legislator } from '../reference/service.ts';
import { supporterContact } from '../supporters/service.ts';
import type { StaffEvent } from './event-editing.ts';
import { eventRsvps, rsvpStatuses, type RsvpNeeds, type RsvpStatus } from './schema.ts';

/** One person's RSVP as staff plan the day with it: who, how to reach them, what they chose and need. */
export type Attendee = {
  id: number;
  supporterId: number;
  status: RsvpStatus;
  /** Their place in the waitlist (1 is next), when waiting. */
  position: number | null;
  givenName: string;
  familyName: string;
  email: string;
  zip: string;
  phone: string;
  locale: Locale;
  sessionIds: number[];
  needs: RsvpNeeds;
  answers: Record<string, string>;
  photoConsent: boolean;
  senateDistrict: number | null;
  houseDistrict: number | null;
  checkedInAt: Date | null;
  createdAt: Date;
};

export const needKinds = ['interpretation', 'accessibility', 'childcare', 'travel'] as const;
export type NeedKind = (typeof needKinds)[number];

/** The list's filters, from the query string; anything else there is ignored, never an error. */
export const attendeeFilters = z.object({
  status: z.enum(rsvpStatuses).optional().catch(undefined),
  session: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional()
    .catch(undefined),
  need: z.enum(needKinds).optional().catch(undefined),
  present: z.enum(['yes', 'no']).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type AttendeeFilters = z.output<typeof attendeeFilters>;

const r = eventRsvps;

const needConditions: Record<NeedKind, SQL> = {
  interpretation: sql`jsonb_array_length(coalesce(${r.needs}->'interpretation', '[]'::jsonb)) > 0`,
  accessibility: sql`coalesce(${r.needs}->>'accessibility', '') <> ''`,
  childcare: sql`coalesce((${r.needs}->>'childcare')::boolean, false)`,
  travel: sql`coalesce((${r.needs}->>'travelHelp')::boolean, false)`,
};

type Row = {
  id: string | number;
  supporter_id: number;
  status: RsvpStatus;
  position: string | number | null;
  given_name: string;
  family_name: string;
  email: string;
  zip: string | null;
  phone: string | null;
  locale: Locale;
  session_ids: number[] | string;
  needs: RsvpNeeds;
  answers: Record<string, string>;
  photo_consent: boolean;
  senate_district: number | null;
  house_district: number | null;
  checked_in_at: string | Date | null;
  created_at: string | Date;
};

// PGlite and node-postgres answer an int[] as an array; a text form "{1,2}" is read too, to be safe.
const intArray = (v: number[] | string) =>
  Array.isArray(v) ? v.map(Number) : v.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
const at = (v: string | Date | null) => (v === null ? null : new Date(v));

/**
 * The event's RSVPs narrowed by the filters: confirmed first, then the waitlist in its order, then cancelled;
 * within each, by family name. The search matches any part of the name, whatever its case.
 */
export async function listAttendees(db: Db, eventId: number, filters: AttendeeFilters = {}): Promise<Attendee[]> {
  const where: SQL[] = [sql`${r.eventId} = ${eventId}`];
  if (filters.status) where.push(sql`${r.status} = ${filters.status}`);
  if (filters.session) where.push(sql`${filters.session}::int = any(${r.sessionIds})`);
  if (filters.need) where.push(needConditions[filters.need]);
  if (filters.present === 'yes') where.push(sql`${r.checkedInAt} is not null`);
  if (filters.present === 'no') where.push(sql`${r.checkedInAt} is null`);
  if (filters.q)
    where.push(
      sql`position(lower(${filters.q}) in lower(${supporterContact.givenName} || ' ' || ${supporterContact.familyName})) > 0`,
    );
  const rows = await rowsOf<Row>(
    db,
    sql`select ${r.id} as id, ${r.supporterId} as supporter_id, ${r.status} as status,
          case when ${r.status} = 'waitlisted' then
            (select count(*) from event_rsvps w where w.event_id = ${r.eventId} and w.status = 'waitlisted'
               and w.waitlist_order <= ${r.waitlistOrder}) end as position,
          ${supporterContact.givenName} as given_name, ${supporterContact.familyName} as family_name,
          ${supporterContact.email} as email, ${supporterContact.zip} as zip, ${r.phone} as phone,
          ${r.locale} as locale, ${r.sessionIds} as session_ids, ${r.needs} as needs, ${r.answers} as answers,
          ${r.photoConsent} as photo_consent, ${r.senateDistrict} as senate_district,
          ${r.houseDistrict} as house_district, ${r.checkedInAt} as checked_in_at, ${r.createdAt} as created_at
        from ${r} ${supporterContact.join(r.supporterId)}
        where ${sql.join(where, sql` and `)}
        order by case ${r.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end,
          ${r.waitlistOrder} nulls first, lower(${supporterContact.familyName}), lower(${supporterContact.givenName}),
          ${r.id}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    supporterId: Number(row.supporter_id),
    status: row.status,
    position: row.position === null ? null : Number(row.position),
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    zip: row.zip ?? '',
    phone: row.phone ?? '',
    locale: row.locale,
    sessionIds: intArray(row.session_ids),
    needs: row.needs,
    answers: row.answers ?? {},
    photoConsent: row.photo_consent,
    senateDistrict: row.senate_district,
    houseDistrict: row.house_district,
    checkedInAt: at(row.checked_in_at),
    createdAt: at(row.created_at)!,
  }));
}

/** "Family, Given": how a sheet at the door is sorted and read. */
export function sortName(a: Pick<Attendee, 'givenName' | 'familyName'>): string {
  return a.familyName ? `${a.familyName}, ${a.givenName}` : a.givenName;
}

/** The people a message to attendees goes to: the confirmed, or those waiting. */
export async function attendeeSupporterIds(db: Db, eventId: number, group: 'confirmed' | 'waitlisted') {
  const rows = await rowsOf<{ supporter_id: number }>(
    db,
    sql`select ${r.supporterId} as supporter_id from ${r} where ${r.eventId} = ${eventId} and ${r.status} = ${group}
        order by ${r.supporterId}`,
  );
  return rows.map((row) => Number(row.supporter_id));
}

const yes = (b: boolean) => (b ? 'yes' : '');
const iso = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '');

/**
 * The list as CSV (UTF-8, CRLF, RFC 4180), one column per question after the fixed ones. Every cell a person typed
 * goes through the signature export's escaping: a name starting "=" is text in a spreadsheet, never a formula.
 */
export function attendeesCsv(event: StaffEvent, attendees: Attendee[]): string {
  const sessionTitles = new Map(event.sessions.map((s) => [s.id, s.titleEn]));
  const header = [
    'given_name',
    'family_name',
    'email',
    'zip_code',
    'phone',
    'status',
    'waitlist_position',
    'sessions',
    'interpretation',
    'interpretation_other',
    'accessibility',
    'childcare',
    'travel_help',
    'photo_consent',
    'senate_district',
    'house_district',
    'checked_in_at',
    'rsvp_at',
    'language',
    ...event.questions.map((q) => q.labelEn),
  ];
  const lines = [csvLine(header)];
  for (const a of attendees) {
    lines.push(
      csvLine([
        a.givenName,
        a.familyName,
        a.email,
        a.zip,
        a.phone,
        a.status,
        a.position === null ? '' : String(a.position),
        a.sessionIds.map((id) => sessionTitles.get(id) ?? `#${id}`).join('; '),
        (a.needs.interpretation ?? []).join('; '),
        a.needs.interpretationOther,
        a.needs.accessibility,
        yes(a.needs.childcare),
        yes(a.needs.travelHelp),
        yes(a.photoConsent),
        a.senateDistrict === null ? '' : String(a.senateDistrict),
        a.houseDistrict === null ? '' : String(a.houseDistrict),
        iso(a.checkedInAt),
        iso(a.createdAt),
        a.locale,
        ...event.questions.map((q) => a.answers[String(q.id)] ?? ''),
      ]),
    );
  }
  return lines.join('');
}

export type DistrictGroup = { district: number | null; legislators: Legislator[]; attendees: Attendee[] };

/**
 * Confirmed attendees by Senate and by House district, with each district's sitting legislators (reference data),
 * to plan who meets whom; those whose district is unknown are gathered last.
 */
export async function attendeesByLegislator(
  db: Db,
  eventId: number,
): Promise<{ senate: DistrictGroup[]; house: DistrictGroup[] }> {
  const [attendees, legislators] = await Promise.all([
    listAttendees(db, eventId, { status: 'confirmed' }),
    listLegislators(db),
  ]);
  const group = (chamber: 'upper' | 'lower', districtOf: (a: Attendee) => number | null) => {
    const byDistrict = new Map<number | null, Attendee[]>();
    for (const a of attendees) byDistrict.set(districtOf(a), [...(byDistrict.get(districtOf(a)) ?? []), a]);
    return [...byDistrict.entries()]
      .sort(([x], [y]) => (x === null ? 1 : y === null ? -1 : x - y))
      .map(([district, people]) => ({
        district,
        legislators: legislators.filter((l) => l.chamber === chamber && Number(l.district) === district),
        attendees: people.sort((a, b) => sortName(a).localeCompare(sortName(b))),
      }));
  };
  return { senate: group('upper', (a) => a.senateDistrict), house: group('lower', (a) => a.houseDistrict) };
}
