import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { formatLabels, seatsLine, statusLabels } from '../../admin-messages.ts';
import { eventTitle, type StaffEvent } from '../../event-editing.ts';

export function StatusBadge(props: { status: StaffEvent['status'] }) {
  const kind =
    props.status === 'draft' ? 'badge badge-draft' : props.status === 'cancelled' ? 'badge badge-missing' : 'badge';
  return <span class={kind}>{statusLabels[props.status]}</span>;
}

function EventTable(props: { caption: string; events: StaffEvent[]; timeZone: string; showPeople: boolean }) {
  if (props.events.length === 0) return <p>None.</p>;
  return (
    <DataTable
      caption={props.caption}
      columns={['Event', 'Starts', 'Where', 'State', ...(props.showPeople ? ['Coming', 'Waitlist'] : [])]}
    >
      {props.events.map((event) => (
        <tr>
          <th scope="row">
            <a href={`/admin/events/${event.id}`}>{eventTitle(event)}</a>
            {event.isDemo ? ' (sample)' : null}
          </th>
          <td>
            <When at={event.startsAt} timeZone={event.timeZone} />
          </td>
          <td>{event.format === 'online' ? formatLabels.online : event.venue}</td>
          <td>
            <StatusBadge status={event.status} />
          </td>
          {props.showPeople ? (
            <>
              <td>
                <a href={`/admin/events/${event.id}/attendees?status=confirmed`}>
                  {seatsLine(event.rsvps.confirmed, event.capacity)}
                </a>
              </td>
              <td>{event.rsvps.waitlisted.toLocaleString('en-US')}</td>
            </>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/** /admin/events: what is coming first, then drafts, then the archive. */
export function EventListView(props: {
  groups: { drafts: StaffEvent[]; upcoming: StaffEvent[]; past: StaffEvent[] };
  canEdit: boolean;
  showPeople: boolean;
  timeZone: string;
}) {
  const { groups } = props;
  return (
    <>
      <h1>Events</h1>
      <p>Advocacy days, trainings, panels and meetings: listed at /events once published, with an RSVP form.</p>
      {props.canEdit ? (
        <p>
          <a class="button" href="/admin/events/new">
            Create an event
          </a>
        </p>
      ) : null}
      <h2>Upcoming</h2>
      <EventTable
        caption="Upcoming events"
        events={groups.upcoming}
        timeZone={props.timeZone}
        showPeople={props.showPeople}
      />
      <h2>Drafts</h2>
      <EventTable
        caption="Draft events, not on the site"
        events={groups.drafts}
        timeZone={props.timeZone}
        showPeople={false}
      />
      <h2>Past</h2>
      <EventTable
        caption="Past events, newest first"
        events={groups.past}
        timeZone={props.timeZone}
        showPeople={props.showPeople}
      />
    </>
  );
}
