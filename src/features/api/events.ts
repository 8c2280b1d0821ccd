import { Hono } from 'hono';
import { z } from 'zod';
import { renderMarkdown } from '../../platform/web/markdown.ts';
import {
  apiAttendance,
  apiAttendancesPage,
  apiEvent,
  apiEventsPage,
  apiRsvp,
  eventUrl,
  type ApiAttendance,
  type ApiEvent,
} from '../events/service.ts';
import { actionPersonInput, bodyFields, emailWishOf, formFieldsOf } from './action-person.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, readJson, requireScope, type ApiEnv } from './http.ts';
import { personHref } from './people.ts';
import {
  apiUrl,
  collectionParams,
  collectionShape,
  curiesOf,
  errorResponses,
  idPath,
  identifier,
  isoDate,
  linkShape,
  type ApiDeps,
  type ApiResource,
  sendCollection,
} from './resource.ts';

/** Events and their attendances (RSVPs) in OSDI's shape (issue 20), and record_attendance_helper. */

/**
 * An RSVP's state as OSDI's attendance status: confirmed (a seat) is accepted; waitlisted is tentative (they
 * said yes and come if a seat frees: the waitlist moves up on its own); cancelled is declined. OSDI's
 * "needs action" (invited, no answer yet) has no RSVP here: nobody is invited without answering.
 */
export const ATTENDANCE_STATUS = { confirmed: 'accepted', waitlisted: 'tentative', cancelled: 'declined' } as const;

const attendanceHelperInput = z
  .object({
    person: actionPersonInput,
    'groundswell:sessions': z
      .array(z.union([z.number().int(), z.string()]).transform(String))
      .max(50)
      .optional()
      .meta({ description: 'The ids of the parts of the day the person chose, from the event’s groundswell:sessions' }),
    'groundswell:answers': z
      .record(z.string().regex(/^\d{1,9}$/), z.string().max(2000))
      .optional()
      .meta({
        description:
          'Question id → answer, for the event’s groundswell:questions: as typed, yes or no, or one of its choices',
      }),
  })
  .meta({ id: 'RecordAttendanceHelper' });

const locationShape = z.object({
  venue: z.string(),
  address_lines: z.array(z.string()),
  locality: z.string().optional(),
  region: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string(),
});

const eventShape = z
  .object({
    identifiers: z.array(z.string()),
    origin_system: z.string(),
    created_date: z.string(),
    modified_date: z.string(),
    title: z.string(),
    summary: z.string(),
    description: z.string().meta({ description: 'HTML made from the Markdown staff wrote' }),
    start_date: z.string(),
    end_date: z.string(),
    'groundswell:time_zone': z.string().meta({ description: 'The zone the event’s times are shown in' }),
    'groundswell:format': z.enum(['in-person', 'online']),
    status: z.enum(['confirmed', 'cancelled']),
    capacity: z.number().optional().meta({ description: 'Seats; left out when there is no limit' }),
    total_accepted: z.number().meta({ description: 'Confirmed RSVPs: those on the waitlist are not counted' }),
    location: locationShape
      .optional()
      .meta({ description: 'In person only. An online event’s join link is sent to confirmed attendees alone.' }),
    browser_url: z.string(),
    'groundswell:sessions': z.array(
      z.object({ id: z.number(), title: z.string(), start_date: z.string(), end_date: z.string() }),
    ),
    'groundswell:questions': z.array(
      z.object({
        id: z.number(),
        kind: z.enum(['text', 'yes-no', 'choice']),
        label: z.string(),
        choices: z.array(z.string()),
        required: z.boolean(),
      }),
    ),
    _links: z.object({ self: linkShape, 'osdi:attendances': linkShape, 'osdi:record_attendance_helper': linkShape }),
  })
  .meta({ id: 'Event' });

const attendanceShape = z
  .object({
    identifiers: z.array(z.string()),
    created_date: z.string().meta({ description: 'When the person said yes (again, after cancelling)' }),
    modified_date: z.string(),
    status: z.enum(['accepted', 'tentative', 'declined']).meta({
      description: 'accepted: a seat (confirmed); tentative: on the waitlist; declined: cancelled',
    }),
    'groundswell:rsvp_status': z.enum(['confirmed', 'waitlisted', 'cancelled']),
    _links: z.object({ self: linkShape, 'osdi:event': linkShape, 'osdi:person': linkShape }),
  })
  .meta({ id: 'Attendance' });

const eventHref = (publicUrl: string, id: number) => apiUrl(publicUrl, `/events/${id}`);
const attendancesHref = (publicUrl: string, eventId: number) => `${eventHref(publicUrl, eventId)}/attendances`;

/** "900 Court St NE, Salem, OR 97301": the street, the town, the state and the ZIP, when it is written so. */
const US_ADDRESS = /^(.+?),\s*([^,]+?),\s*([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/;

function locationOf(e: ApiEvent) {
  if (e.format === 'online') return undefined;
  const parts = US_ADDRESS.exec(e.address.trim());
  if (!parts) return { venue: e.venue, address_lines: e.address.trim() ? [e.address.trim()] : [], country: 'US' };
  return {
    venue: e.venue,
    address_lines: [parts[1]!],
    locality: parts[2]!,
    region: parts[3]!,
    postal_code: parts[4]!,
    country: 'US',
  };
}

function eventJson(publicUrl: string, e: ApiEvent) {
  const self = eventHref(publicUrl, e.id);
  const location = locationOf(e);
  return {
    identifiers: [identifier(e.id)],
    origin_system: 'Groundswell',
    created_date: isoDate(e.createdAt),
    modified_date: isoDate(e.modifiedAt),
    title: e.title,
    summary: e.summary,
    description: renderMarkdown(e.descriptionMd, { absoluteBase: publicUrl }),
    start_date: isoDate(e.startsAt),
    end_date: isoDate(e.endsAt),
    'groundswell:time_zone': e.timeZone,
    'groundswell:format': e.format,
    status: e.status === 'cancelled' ? 'cancelled' : 'confirmed',
    ...(e.capacity === null ? {} : { capacity: e.capacity }),
    total_accepted: e.accepted,
    ...(location ? { location } : {}),
    browser_url: eventUrl(e, publicUrl, 'en'),
    'groundswell:sessions': e.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      start_date: isoDate(s.startsAt),
      end_date: isoDate(s.endsAt),
    })),
    'groundswell:questions': e.questions,
    _links: {
      self: { href: self },
      'osdi:attendances': { href: `${self}/attendances` },
      'osdi:record_attendance_helper': { href: `${self}/attendances/record_attendance_helper` },
    },
  };
}

function attendanceJson(publicUrl: string, a: ApiAttendance) {
  return {
    identifiers: [identifier(a.id)],
    created_date: isoDate(a.createdAt),
    modified_date: isoDate(a.modifiedAt),
    status: ATTENDANCE_STATUS[a.status],
    'groundswell:rsvp_status': a.status,
    _links: {
      self: { href: `${attendancesHref(publicUrl, a.eventId)}/${a.id}` },
      'osdi:event': { href: eventHref(publicUrl, a.eventId) },
      'osdi:person': { href: personHref(publicUrl, a.supporterId) },
    },
  };
}

const NO_EVENT = 'There is no event with this id: drafts are not shown';
const REFUSALS = {
  cancelled: 'This event is cancelled: it takes no RSVPs',
  over: 'This event is over: it takes no RSVPs',
  'deadline-passed': 'This event’s RSVP deadline has passed',
} as const;

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();

  app.get('/events', requireScope('read_actions'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/events'),
      rel: 'osdi:events',
      read: (paging) => apiEventsPage(db, paging),
      render: (e) => eventJson(publicUrl, e),
    });
  });

  app.get('/events/:id', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const event = id ? await apiEvent(db, id) : undefined;
    if (!event) return apiError(c, 404, NO_EVENT);
    return sendHal(c, eventJson(publicUrl, event));
  });

  app.get('/events/:id/attendances', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return apiError(c, 404, NO_EVENT);
    return sendCollection(c, publicUrl, {
      base: attendancesHref(publicUrl, id),
      rel: 'osdi:attendances',
      read: async (paging) => ((await apiEvent(db, id)) ? apiAttendancesPage(db, id, paging) : undefined),
      render: (a) => attendanceJson(publicUrl, a),
      missing: NO_EVENT,
    });
  });

  app.get('/events/:id/attendances/:aid', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const aid = idParam(c.req.param('aid'));
    const attendance = id && aid && (await apiEvent(db, id)) ? await apiAttendance(db, id, aid) : undefined;
    if (!attendance) return apiError(c, 404, 'There is no attendance with this id at this event');
    return sendHal(c, attendanceJson(publicUrl, attendance));
  });

  app.post('/events/:id/attendances/record_attendance_helper', requireScope('write_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const body = await readJson(c, attendanceHelperInput);
    if (!body.ok) return body.response;
    if (!id) return apiError(c, 404, NO_EVENT);
    const { person } = body.data;
    const callerId = c.get('caller').id;
    const { street: _street, ...fields } = formFieldsOf(person);
    const outcome = await apiRsvp(
      db,
      { secrets: deps.secrets, publicUrl },
      id,
      { ...fields, sessions: body.data['groundswell:sessions'] ?? [], answers: body.data['groundswell:answers'] ?? {} },
      { source: `api-key-${callerId}` },
    );
    if (outcome.kind === 'refused') {
      if (outcome.why === 'not-found') return apiError(c, 404, NO_EVENT);
      return apiError(c, 409, REFUSALS[outcome.why]);
    }
    if (outcome.kind === 'invalid') {
      const named = bodyFields(outcome.fields, (f) =>
        f === 'sessions' ? 'groundswell:sessions' : /^q\d+$/.test(f) ? `groundswell:answers.${f.slice(1)}` : undefined,
      );
      return apiError(c, 400, 'Some of what was sent is not valid: see fields', named);
    }
    // Every answered RSVP is emailed its confirmation or its place on the waitlist, as the form's is.
    deps.emailQueued();
    await emailWishOf(deps, callerId, person);
    const attendance = await apiAttendance(db, id, outcome.rsvpId);
    return sendHal(c, attendanceJson(publicUrl, attendance!), outcome.created ? 201 : 200);
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });
const eventPath = idPath('id');
const attendancePath = eventPath.extend(idPath('aid').shape);

export const eventsResource: ApiResource = {
  entry: { 'osdi:events': { path: '/events', title: 'The events the public can see' } },
  routes,
  paths: {
    '/events': {
      get: {
        summary:
          'Events, upcoming and past, cancelled ones too (never drafts), by their last edit (scope read_actions)',
        requestParams: { query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:events', eventShape, 'Events')) },
          ...errorResponses,
        },
      },
    },
    '/events/{id}': {
      get: {
        summary: 'One event (scope read_actions)',
        requestParams: { path: eventPath },
        responses: {
          '200': { description: 'The event', ...json(eventShape) },
          '404': { description: 'No such event' },
          ...errorResponses,
        },
      },
    },
    '/events/{id}/attendances': {
      get: {
        summary: 'An event’s RSVPs, cancelled ones too, in the order of their last change (scope read_actions)',
        requestParams: { path: eventPath, query: collectionParams },
        responses: {
          '200': {
            description: 'A page',
            ...json(collectionShape('osdi:attendances', attendanceShape, 'Attendances')),
          },
          '404': { description: 'No such event' },
          ...errorResponses,
        },
      },
    },
    '/events/{id}/attendances/{aid}': {
      get: {
        summary: 'One RSVP (scope read_actions)',
        requestParams: { path: attendancePath },
        responses: {
          '200': { description: 'The attendance', ...json(attendanceShape) },
          '404': { description: 'No such attendance at this event' },
          ...errorResponses,
        },
      },
    },
    '/events/{id}/attendances/record_attendance_helper': {
      post: {
        summary: 'RSVP a person, as the web form does (scope write_actions)',
        description:
          'The same rules as the RSVP form: given and family names, a 5-digit ZIP code, a phone number if given, a choice among the event’s sessions when it has some, and answers to its required questions. The person is matched by email or added. They get a seat if one is free and nobody waits, else a place on the waitlist, and are emailed the confirmation (or their place) with their own link to change or cancel. Someone already holding a seat or a place keeps it. A cancelled event, one that is over, or one past its RSVP deadline refuses with 409.',
        requestParams: { path: eventPath },
        requestBody: { content: { 'application/json': { schema: attendanceHelperInput } } },
        responses: {
          '200': { description: 'The person had an RSVP already: it, updated', ...json(attendanceShape) },
          '201': { description: 'RSVPed: a seat or a place on the waitlist', ...json(attendanceShape) },
          '404': { description: 'No such event' },
          '409': { description: 'The event is cancelled, over, or past its RSVP deadline' },
          ...errorResponses,
        },
      },
    },
  },
};
