import { BackLink } from '../../../../platform/web/components.tsx';
import { ErrorSummary, Form } from '../../../../platform/web/forms.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { people, rsvpStatusLabels } from '../../admin-messages.ts';
import { sortName, type Attendee } from '../../attendees.ts';
import { eventTitle, type StaffEvent } from '../../event-editing.ts';
import { needsText } from './attendees.tsx';

function PersonRow(props: { person: Attendee; event: StaffEvent; q: string; token: string }) {
  const { person, event } = props;
  const present = person.checkedInAt !== null;
  return (
    <li id={`rsvp-${person.id}`} class={present ? 'check-in-row present' : 'check-in-row'}>
      <div>
        <strong>{sortName(person)}</strong>
        {person.status === 'waitlisted' ? ` · ${rsvpStatusLabels.waitlisted} #${person.position}` : null}
        {needsText(person) ? <div class="hint">{needsText(person)}</div> : null}
        {present ? (
          <div>
            Present since <When at={person.checkedInAt!} timeZone={event.timeZone} />
          </div>
        ) : null}
      </div>
      <Form action={`/admin/events/${event.id}/check-in`} token={props.token}>
        <input type="hidden" name="rsvp" value={String(person.id)} />
        <input type="hidden" name="q" value={props.q} />
        {present ? (
          <button type="submit" name="intent" value="undo" class="button secondary">
            Undo<span class="visually-hidden"> check-in of {sortName(person)}</span>
          </button>
        ) : (
          <button type="submit" name="intent" value="present" class="button check-in-button">
            Mark present<span class="visually-hidden">: {sortName(person)}</span>
          </button>
        )}
      </Form>
    </li>
  );
}

/** The tablet at the door: a search, then one large button per person. */
export function CheckInView(props: {
  event: StaffEvent;
  attendees: Attendee[];
  q: string;
  marked?: number | undefined;
  undone?: number | undefined;
  token: string;
  /** A press that found nobody to mark (cancelled meanwhile, or a tampered form): said at the top, by the search. */
  problem?: string | undefined;
}) {
  const { event, attendees } = props;
  const sorted = [...attendees].sort((a, b) => sortName(a).localeCompare(sortName(b)));
  const marked = attendees.find((a) => a.id === props.marked);
  const undone = attendees.find((a) => a.id === props.undone);
  return (
    <div class="check-in">
      <BackLink href={`/admin/events/${event.id}`}>{eventTitle(event)}</BackLink>
      <ErrorSummary errors={{ q: props.problem }} title="There is a problem" />
      <h1>Check-in: {eventTitle(event)}</h1>
      <p>
        {people(event.rsvps.checkedIn)} of {people(event.rsvps.confirmed)} coming are here.
      </p>
      {marked ? (
        <p class="notice success" role="status">
          {sortName(marked)} is marked present.
        </p>
      ) : null}
      {undone ? (
        <p class="notice" role="status">
          {sortName(undone)}’s check-in was undone.
        </p>
      ) : null}
      <form method="get" action={`/admin/events/${event.id}/check-in`} class="check-in-search" role="search">
        <label for="q">Find a name</label>
        <input type="search" id="q" name="q" value={props.q} autocomplete="off" />
        <button type="submit" class="button">
          Find
        </button>
      </form>
      {props.q ? (
        <p>
          {people(sorted.length)} found for “{props.q}” ·{' '}
          <a href={`/admin/events/${event.id}/check-in`}>Show everyone</a>
        </p>
      ) : null}
      {sorted.length === 0 ? (
        <p>Nobody by that name is coming or waiting. Check the spelling, or try the family name.</p>
      ) : (
        <ul class="check-in-list">
          {sorted.map((person) => (
            <PersonRow person={person} event={event} q={props.q} token={props.token} />
          ))}
        </ul>
      )}
    </div>
  );
}
