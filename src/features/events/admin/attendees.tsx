import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { recordAudit } from '../../audit/service.ts';
import { createBroadcast } from '../../broadcasts/service.ts';
import { referenceReadiness } from '../../reference/service.ts';
import {
  attendeeFilters,
  attendeesByLegislator,
  attendeesCsv,
  attendeeSupporterIds,
  listAttendees,
} from '../attendees.ts';
import { eventTitle, getEventForStaff, type StaffEvent } from '../event-editing.ts';
import { eventPermissions } from '../permissions.ts';
import { AttendeeListView } from './views/attendees.tsx';
import { ByLegislatorView, CheckInSheetView } from './views/sheet.tsx';

export type AttendeeDeps = { db: Db; frame: AdminFrame };

const idParam = ':id{[0-9]{1,9}}';

/** The filters as a query string again, for the CSV link: only the ones that parsed. */
function queryOf(filters: Record<string, unknown>): string {
  const pairs = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '');
  return new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** The words a message to attendees starts with: staff write the rest, then preview and send as any broadcast. */
function draftFor(event: StaffEvent, group: 'confirmed' | 'waitlisted') {
  const en = event.words.en?.title ?? eventTitle(event);
  const es = event.words.es?.title;
  const who = group === 'confirmed' ? 'coming' : 'on the waitlist';
  return {
    name: `${en}: to those ${who}`,
    en: {
      subject: `About ${en}`,
      preheader: '',
      body: `Hello,\n\nWrite your message to everyone ${who} for ${en} here.`,
    },
    es: es
      ? { subject: `Sobre ${es}`, preheader: '', body: `Hola:\n\nEscriba aquí su mensaje sobre ${es}.` }
      : { subject: '', preheader: '', body: '' },
    audience: { topic: 'events' as const },
  };
}

/**
 * Who is coming: the list with its filters and CSV, the sheet to print for the door, attendees by legislator, and
 * a message to them. All personal data: each screen needs `attendees` (permissions.ts).
 */
export function attendeeRoutes(deps: AttendeeDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  const may = (c: Context<AdminEnv>) => {
    const staff = c.get('staff')!;
    return { message: eventPermissions.message(staff), checkIn: eventPermissions.checkIn(staff) };
  };
  const eventOf = (c: Context<AdminEnv>) => getEventForStaff(db, Number(c.req.param('id')));
  const filtersOf = (c: Context<AdminEnv>) => attendeeFilters.parse(c.req.query());

  app.get(`/${idParam}/attendees`, frame.allow(eventPermissions.attendees), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const filters = filtersOf(c);
    return frame.render(c, {
      title: `Attendees: ${eventTitle(event)}`,
      current: 'events',
      body: (
        <AttendeeListView
          event={event}
          attendees={await listAttendees(db, event.id, filters)}
          filters={filters}
          query={queryOf(filters)}
          token={frame.csrfToken(c)}
          canMessage={may(c).message}
          canCheckIn={may(c).checkIn}
        />
      ),
    });
  });

  // Each download is in the audit log: the file leaves the workspace with names and contacts in it.
  app.get(`/${idParam}/attendees.csv`, frame.allow(eventPermissions.attendees), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const filters = filtersOf(c);
    const attendees = await listAttendees(db, event.id, filters);
    await recordAudit(db, frame.actor(c), {
      action: 'event.export',
      subjectType: 'event',
      subjectId: event.id,
      subjectLabel: eventTitle(event),
      note: `${attendees.length} rows${queryOf(filters) ? `, filtered: ${queryOf(filters)}` : ''}`,
    });
    return c.body(attendeesCsv(event, attendees), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="attendees-${event.slug}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get(`/${idParam}/sheet`, frame.allow(eventPermissions.attendees), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const [confirmed, waiting] = await Promise.all([
      listAttendees(db, event.id, { status: 'confirmed' }),
      listAttendees(db, event.id, { status: 'waitlisted' }),
    ]);
    return frame.render(c, {
      title: `Sign-in sheet: ${eventTitle(event)}`,
      current: 'events',
      body: <CheckInSheetView event={event} attendees={[...confirmed, ...waiting]} canCheckIn={may(c).checkIn} />,
    });
  });

  app.get(`/${idParam}/legislators`, frame.allow(eventPermissions.attendees), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const [groups, readiness] = await Promise.all([attendeesByLegislator(db, event.id), referenceReadiness(db)]);
    return frame.render(c, {
      title: `Attendees by legislator: ${eventTitle(event)}`,
      current: 'events',
      body: (
        <ByLegislatorView
          event={event}
          groups={groups}
          canCheckIn={may(c).checkIn}
          referenceLoaded={readiness.loaded}
        />
      ),
    });
  });

  /**
   * A broadcast draft to this event's confirmed attendees or its waitlist: the people are written into the draft's
   * audience now (broadcasts knows nothing of events), and staff finish it on the broadcast's own page.
   */
  app.post(`/${idParam}/message`, frame.allow(eventPermissions.message), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const group = formText(await readForm(c), 'group') === 'waitlisted' ? 'waitlisted' : 'confirmed';
    const draft = draftFor(event, group);
    const created = await db.transaction(async (tx) => {
      const supporterIds = await attendeeSupporterIds(tx, event.id, group);
      const label = `${group === 'confirmed' ? 'Those coming to' : 'The waitlist of'} ${eventTitle(event)}`;
      const row = await createBroadcast(tx, draft, frame.actor(c).staffId, { supporterIds, label });
      await recordAudit(tx, frame.actor(c), {
        action: 'broadcast.create',
        subjectType: 'broadcast',
        subjectId: row.id,
        subjectLabel: row.name,
        after: { name: row.name, audience: { topic: row.audience.topic, label, people: supporterIds.length } },
      });
      return row;
    });
    return c.redirect(`/admin/broadcasts/${created.id}?notice=created`, 303);
  });

  return app;
}
