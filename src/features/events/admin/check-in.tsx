import { isPlainText } from '../../../platform/plain-text.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { listAttendees } from '../attendees.ts';
import { checkIn, undoCheckIn } from '../check-in.ts';
import { eventTitle, getEventForStaff } from '../event-editing.ts';
import { eventPermissions } from '../permissions.ts';
import type { AttendeeDeps } from './attendees.tsx';
import { CheckInView } from './views/check-in.tsx';

const idParam = ':id{[0-9]{1,9}}';

const lookup = z.object({
  // A search PostgreSQL can take: text with a NUL or other control byte is no search at all (refused, not a 500).
  q: z
    .string()
    .trim()
    .max(100)
    .refine((v) => isPlainText(v))
    .optional()
    .catch(undefined),
  marked: z.coerce.number().int().positive().optional().catch(undefined),
  undone: z.coerce.number().int().positive().optional().catch(undefined),
});

/**
 * The door, on a tablet: find a name, press "Mark present". The button posts the RSVP's id, and the time is set
 * only when none is there (check-in.ts), so a press the tablet sends twice counts once; after it, the page comes
 * back to the same search with the person marked, so the next name can be typed at once.
 */
export function checkInRoutes(deps: AttendeeDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  const allowed = frame.allow(eventPermissions.checkIn);

  const page = async (c: Context<AdminEnv>, problem?: { status: 400 | 404; message: string; q: string }) => {
    const event = await getEventForStaff(db, Number(c.req.param('id')));
    if (!event) return c.notFound();
    // After a failed press, the search it was made from; else the address's.
    const { q, marked, undone } = lookup.parse(problem ? { q: problem.q } : c.req.query());
    const [coming, waiting] = await Promise.all([
      listAttendees(db, event.id, { status: 'confirmed', q }),
      listAttendees(db, event.id, { status: 'waitlisted', q }),
    ]);
    return frame.render(c, {
      title: `${problem ? 'Error: ' : ''}Check-in: ${eventTitle(event)}`,
      current: 'events',
      status: problem?.status ?? 200,
      body: (
        <CheckInView
          event={event}
          attendees={[...coming, ...waiting]}
          q={q ?? ''}
          marked={marked}
          undone={undone}
          token={frame.csrfToken(c)}
          problem={problem?.message}
        />
      ),
    });
  };

  app.get(`/${idParam}/check-in`, allowed, (c) => page(c));

  app.post(`/${idParam}/check-in`, allowed, async (c) => {
    const eventId = Number(c.req.param('id'));
    const body = await readForm(c);
    const rsvp = formText(body, 'rsvp');
    const q = formText(body, 'q');
    const unknown = { status: 404, message: 'That RSVP is not on this list any more: find the name again', q } as const;
    if (!/^[0-9]{1,15}$/.test(rsvp)) return page(c, { ...unknown, status: 400 });
    const undo = formText(body, 'intent') === 'undo';
    const outcome = await (undo ? undoCheckIn : checkIn)(db, eventId, Number(rsvp), frame.actor(c));
    if (outcome.kind === 'not-found') return page(c, unknown);
    const query = new URLSearchParams({ ...(q ? { q: q.slice(0, 100) } : {}), [undo ? 'undone' : 'marked']: rsvp });
    return c.redirect(`/admin/events/${eventId}/check-in?${query}#rsvp-${rsvp}`, 303);
  });

  return app;
}
