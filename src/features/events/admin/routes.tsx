import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import type { ImageLibrary } from '../../../platform/web/images.tsx';
import { people } from '../admin-messages.ts';
import {
  createEvent,
  eventTitle,
  getEventForStaff,
  groupForStaff,
  listEventsForStaff,
  saveEvent,
  setEventStatus,
  type EventOutcome,
  type StaffEvent,
} from '../event-editing.ts';
import { eventPermissions } from '../permissions.ts';
import { attendeeRoutes, type AttendeeDeps } from './attendees.tsx';
import { checkInRoutes } from './check-in.tsx';
import { blankValues, parseEventForm, typedValues, valuesOf, type FormValues } from './event-form.ts';
import { EventEditorView } from './views/editor.tsx';
import { EventListView } from './views/list.tsx';

export type EventAdminDeps = AttendeeDeps & {
  cache: PageCache;
  images: ImageLibrary;
  /** Moves the waitlist up into seats added by an edit, and emails those promoted (the RSVP side's own work). */
  promoteWaitlist: (db: Db, eventId: number) => Promise<number[]>;
  /** Emails everyone coming or waiting that the event is cancelled, in the cancelling transaction. */
  tellCancelled: (db: Db, eventId: number) => Promise<number>;
  /** Wakes the email worker after a cancellation queued mail. */
  emailQueued: () => void;
};

export const idParam = ':id{[0-9]{1,9}}';

/**
 * Staff make and run events here: the list, the editor (both languages, sessions and questions together),
 * publishing and cancelling, then the attendee screens (attendees.tsx) and the door (check-in.tsx). Every screen
 * needs `view`; each change asks for its own permission (permissions.ts). Mounted at /admin/events.
 */
export function eventAdminRoutes(deps: EventAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(eventPermissions.view));

  const abilities = (c: Context<AdminEnv>) => {
    const staff = c.get('staff')!;
    return {
      edit: eventPermissions.edit(staff),
      publish: eventPermissions.publish(staff),
      cancel: eventPermissions.cancel(staff),
      attendees: eventPermissions.attendees(staff),
      checkIn: eventPermissions.checkIn(staff),
    };
  };
  const eventOf = (c: Context<AdminEnv>) => getEventForStaff(db, Number(c.req.param('id')));

  async function editor(
    c: Context<AdminEnv>,
    state: { event?: StaffEvent | undefined; values: FormValues; errors: FieldErrors },
  ) {
    const failed = Object.values(state.errors).some(Boolean);
    const heading = state.event ? eventTitle(state.event) : 'Create an event';
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${heading}`,
      current: 'events',
      status: failed ? 400 : 200,
      body: (
        <EventEditorView
          event={state.event}
          heading={heading}
          values={state.values}
          errors={state.errors}
          token={frame.csrfToken(c)}
          can={abilities(c)}
          images={await deps.images.choices()}
        />
      ),
    });
  }

  async function readEditor(c: Context<AdminEnv>) {
    const body = await readForm(c);
    const values = typedValues((name) => formText(body, name));
    const imageIds = (await deps.images.choices()).map((i) => i.id);
    return { values, ...parseEventForm(values, imageIds) };
  }

  /** After a write: public pages afresh (this process at once, others by the content version), then onward. */
  async function afterWrite(c: Context<AdminEnv>, outcome: EventOutcome, notice: string) {
    if (!outcome.ok) return undefined;
    deps.cache.invalidate();
    // After the commit, so the RSVP side sees the new capacity; its emails go through the outbox.
    if (outcome.capacityRaised) await deps.promoteWaitlist(db, outcome.id);
    return c.redirect(`/admin/events/${outcome.id}?notice=${notice}`, 303);
  }

  app.get('/', async (c) => {
    const staff = c.get('staff')!;
    return frame.render(c, {
      title: 'Events',
      current: 'events',
      body: (
        <EventListView
          groups={groupForStaff(await listEventsForStaff(db))}
          canEdit={eventPermissions.edit(staff)}
          showPeople={eventPermissions.attendees(staff)}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });

  app.get('/new', frame.allow(eventPermissions.edit), (c) => editor(c, { values: blankValues(), errors: {} }));

  app.post('/new', frame.allow(eventPermissions.edit), async (c) => {
    const typed = await readEditor(c);
    if (!typed.draft) return editor(c, typed);
    const outcome = await createEvent(db, typed.draft, frame.actor(c));
    if (outcome.ok === false && outcome.problem === 'refused')
      return editor(c, { ...typed, errors: { [outcome.field]: outcome.message } });
    return (await afterWrite(c, outcome, 'created')) ?? c.notFound();
  });

  app.get(`/${idParam}`, async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    return editor(c, { event, values: valuesOf(event), errors: {} });
  });

  app.post(`/${idParam}`, frame.allow(eventPermissions.edit), async (c) => {
    const event = await eventOf(c);
    if (!event) return c.notFound();
    const typed = await readEditor(c);
    if (!typed.draft) return editor(c, { event, ...typed });
    const outcome = await saveEvent(db, event.id, typed.draft, frame.actor(c));
    if (outcome.ok === false && outcome.problem === 'refused')
      return editor(c, { event, ...typed, errors: { [outcome.field]: outcome.message } });
    return (await afterWrite(c, outcome, 'saved')) ?? c.notFound();
  });

  app.post(`/${idParam}/publish`, frame.allow(eventPermissions.publish), async (c) => {
    const outcome = await setEventStatus(db, Number(c.req.param('id')), 'published', frame.actor(c));
    return (await afterWrite(c, outcome, 'published')) ?? c.notFound();
  });

  // Taking back to draft and cancelling ask first, on a page that says who is affected; only its form acts.
  const steps = {
    unpublish: {
      allowed: frame.allow(eventPermissions.publish),
      status: 'draft' as const,
      question: (e: StaffEvent) => `Take the event “${eventTitle(e)}” back to draft?`,
      consequences: (e: StaffEvent) => [
        'It leaves the list of events, the calendar feed and search; its address answers “not found”.',
        `The ${people(e.rsvps.confirmed + e.rsvps.waitlisted)} who have RSVPed keep their RSVPs and are not emailed.`,
      ],
      confirmLabel: 'Yes, take it back to draft',
      notice: 'unpublished',
    },
    cancel: {
      allowed: frame.allow(eventPermissions.cancel),
      status: 'cancelled' as const,
      question: (e: StaffEvent) => `Cancel the event “${eventTitle(e)}”?`,
      consequences: (e: StaffEvent) => [
        'Its page stays up, marked cancelled, and takes no more RSVPs; calendars that hold it show it cancelled.',
        `${people(e.rsvps.confirmed)} coming and ${people(e.rsvps.waitlisted)} waiting are emailed at once, each in their language, that it is cancelled and not to travel for it.`,
        'This cannot be undone: to hold it after all, create a new event.',
      ],
      confirmLabel: 'Yes, cancel the event',
      notice: 'cancelled',
    },
  };
  for (const action of ['unpublish', 'cancel'] as const) {
    const step = steps[action];
    const ask = async (c: Context<AdminEnv>) => {
      const event = await eventOf(c);
      if (!event) return c.notFound();
      const title = step.question(event);
      return frame.render(c, {
        title,
        current: 'events',
        body: (
          <ConfirmationPage
            title={title}
            consequences={step.consequences(event)}
            action={`/admin/events/${event.id}/${action}`}
            token={frame.csrfToken(c)}
            confirmLabel={step.confirmLabel}
            cancelHref={`/admin/events/${event.id}`}
            destructive
          />
        ),
      });
    };
    app.get(`/${idParam}/${action}`, step.allowed, ask);
    app.post(`/${idParam}/${action}`, step.allowed, async (c) => {
      if (formText(await readForm(c), 'confirmed') !== 'yes') return ask(c);
      const outcome = await setEventStatus(
        db,
        Number(c.req.param('id')),
        step.status,
        frame.actor(c),
        step.status === 'cancelled' ? deps.tellCancelled : undefined,
      );
      if (outcome.ok && step.status === 'cancelled') deps.emailQueued();
      // A cancelled event stays cancelled: back to its page, which says so.
      if (outcome.ok === false && outcome.problem === 'refused')
        return c.redirect(`/admin/events/${c.req.param('id')}`, 303);
      return (await afterWrite(c, outcome, step.notice)) ?? c.notFound();
    });
  }

  app.route('/', attendeeRoutes(deps));
  app.route('/', checkInRoutes(deps));
  return app;
}
