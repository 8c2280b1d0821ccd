import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { people, rsvpStatusLabels } from '../../admin-messages.ts';
import { sortName, type Attendee, type DistrictGroup } from '../../attendees.ts';
import { eventTitle, type StaffEvent } from '../../event-editing.ts';
import { AttendeeNav, needsText } from './attendees.tsx';

/**
 * The sheet for the door, printed: everyone coming or waiting, by family name, a box to tick, and what they need.
 * The workspace's header and menu are left off the paper by the print styles.
 */
export function CheckInSheetView(props: { event: StaffEvent; attendees: Attendee[]; canCheckIn: boolean }) {
  const { event } = props;
  const sorted = [...props.attendees].sort((a, b) => sortName(a).localeCompare(sortName(b)));
  return (
    <div class="check-in-sheet">
      <BackLink href={`/admin/events/${event.id}`} class="no-print">
        {eventTitle(event)}
      </BackLink>
      <h1>Sign-in sheet: {eventTitle(event)}</h1>
      <div class="no-print">
        <AttendeeNav event={event} canCheckIn={props.canCheckIn} />
        <p class="hint">
          Print this page with your browser’s Print command; the menu and links are left off the paper.
        </p>
      </div>
      <p>
        <When at={event.startsAt} timeZone={event.timeZone} /> · {event.format === 'online' ? 'Online' : event.venue} ·{' '}
        {people(sorted.length)}
      </p>
      <DataTable
        caption="Attendees by family name, with a box to tick"
        columns={['Here', 'Name', 'RSVP', 'Needs']}
        showCaption={false}
      >
        {sorted.map((a) => (
          <tr>
            <td>
              <span class="tick-box" aria-hidden="true" />
              <span class="visually-hidden">{a.checkedInAt ? 'Checked in' : 'Not yet'}</span>
            </td>
            <th scope="row">{sortName(a)}</th>
            <td>
              {a.status === 'waitlisted' ? `${rsvpStatusLabels.waitlisted} #${a.position}` : rsvpStatusLabels[a.status]}
            </td>
            <td>{needsText(a)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Chamber(props: { title: string; titleOf: string; groups: DistrictGroup[]; id: string }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.groups.length === 0 ? <p>Nobody is confirmed yet.</p> : null}
      {props.groups.map((g) => (
        <>
          <h3>
            {g.district === null
              ? 'District not known'
              : `District ${g.district}: ${
                  g.legislators.length
                    ? g.legislators.map((l) => `${props.titleOf} ${l.name}${l.party ? ` (${l.party})` : ''}`).join(', ')
                    : 'no legislator on record'
                }`}
          </h3>
          <p>{people(g.attendees.length)}</p>
          <ul>
            {g.attendees.map((a) => (
              <li>
                {sortName(a)}
                {a.zip ? ` · ${a.zip}` : ''}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

/** An advocacy day's confirmed attendees by their senator and their representative, to plan the meetings. */
export function ByLegislatorView(props: {
  event: StaffEvent;
  groups: { senate: DistrictGroup[]; house: DistrictGroup[] };
  canCheckIn: boolean;
  referenceLoaded: boolean;
}) {
  const { event } = props;
  return (
    <>
      <BackLink href={`/admin/events/${event.id}`}>{eventTitle(event)}</BackLink>
      <h1>Attendees by legislator: {eventTitle(event)}</h1>
      <AttendeeNav event={event} canCheckIn={props.canCheckIn} />
      <p>
        Confirmed attendees, by the districts their ZIP code or address gave when they RSVPed. “District not known”:
        their ZIP code spans several districts, or gave none.
      </p>
      {props.referenceLoaded ? null : (
        <p class="notice" role="note">
          No legislators are loaded yet, so districts show without names. An admin can load them under Reference data.
        </p>
      )}
      <Chamber title="Senate" titleOf="Sen." groups={props.groups.senate} id="senate" />
      <Chamber title="House" titleOf="Rep." groups={props.groups.house} id="house" />
    </>
  );
}
