import { BackLink } from '../../../../platform/web/components.tsx';
import { Field, Form, Select } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { interpretationLabels, needLabels, people, rsvpStatusLabels, seatsLine } from '../../admin-messages.ts';
import { needKinds, type Attendee, type AttendeeFilters } from '../../attendees.ts';
import { eventTitle, type StaffEvent } from '../../event-editing.ts';
import { rsvpStatuses } from '../../schema.ts';

/** What someone asked for, in a few words: "Interpretation: Spanish; childcare". */
export function needsText(a: Attendee): string {
  const n = a.needs;
  const parts: string[] = [];
  const languages = (n.interpretation ?? []).map((l) => interpretationLabels[l] ?? l);
  if (languages.length)
    parts.push(`Interpretation: ${languages.join(', ')}${n.interpretationOther ? ` (${n.interpretationOther})` : ''}`);
  if (n.accessibility) parts.push(`Access: ${n.accessibility}`);
  if (n.childcare) parts.push('Childcare');
  if (n.travelHelp) parts.push('Travel help');
  return parts.join('; ');
}

export const fullName = (a: Attendee) => `${a.givenName} ${a.familyName}`.trim();

/** The links every attendee screen offers, so staff move between them without going back. */
export function AttendeeNav(props: { event: StaffEvent; canCheckIn: boolean }) {
  const base = `/admin/events/${props.event.id}`;
  return (
    <nav aria-label="This event">
      <ul class="list-inline">
        <li>
          <a href={base}>The event</a>
        </li>
        <li>
          <a href={`${base}/attendees`}>Attendees</a>
        </li>
        {props.canCheckIn ? (
          <li>
            <a href={`${base}/check-in`}>Check-in</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/sheet`}>Printable sheet</a>
        </li>
        {props.event.meetsLegislators ? (
          <li>
            <a href={`${base}/legislators`}>By legislator</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function Filters(props: { event: StaffEvent; filters: AttendeeFilters }) {
  const f = props.filters;
  return (
    <form method="get" action={`/admin/events/${props.event.id}/attendees`} class="filters">
      <fieldset>
        <legend>Show</legend>
        <Field name="q" type="search" label="Name contains" value={f.q} />
        <Select
          name="status"
          label="RSVP"
          options={[['', 'Everyone'] as const, ...rsvpStatuses.map((s) => [s, rsvpStatusLabels[s]] as const)]}
          value={f.status ?? ''}
        />
        {props.event.sessions.length ? (
          <Select
            name="session"
            label="Session"
            options={[
              ['', 'Any session'] as const,
              ...props.event.sessions.map((s) => [String(s.id), s.titleEn] as const),
            ]}
            value={f.session ? String(f.session) : ''}
          />
        ) : null}
        <Select
          name="need"
          label="Needs"
          options={[['', 'Any or none'] as const, ...needKinds.map((n) => [n, needLabels[n]] as const)]}
          value={f.need ?? ''}
        />
        <Select
          name="present"
          label="Checked in"
          options={[['', 'Either'] as const, ['yes', 'Checked in'] as const, ['no', 'Not yet'] as const]}
          value={f.present ?? ''}
        />
        <div class="form-actions">
          <button type="submit" class="button secondary">
            Show
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** One event's attendees, filtered; the export and a message to them from here. */
export function AttendeeListView(props: {
  event: StaffEvent;
  attendees: Attendee[];
  filters: AttendeeFilters;
  query: string;
  token: string;
  canMessage: boolean;
  canCheckIn: boolean;
}) {
  const { event, attendees } = props;
  const sessions = new Map(event.sessions.map((s) => [s.id, s.titleEn]));
  const base = `/admin/events/${event.id}`;
  return (
    <>
      <BackLink href={base}>{eventTitle(event)}</BackLink>
      <h1>Attendees: {eventTitle(event)}</h1>
      <AttendeeNav event={event} canCheckIn={props.canCheckIn} />
      <p>
        {seatsLine(event.rsvps.confirmed, event.capacity)} · {people(event.rsvps.waitlisted)} on the waitlist ·{' '}
        {people(event.rsvps.checkedIn)} checked in · {people(event.rsvps.cancelled)} cancelled
      </p>
      <Filters event={event} filters={props.filters} />
      <p>
        {people(attendees.length)} shown ·{' '}
        <a href={`${base}/attendees.csv${props.query ? `?${props.query}` : ''}`} download>
          Download these as CSV
        </a>
      </p>
      {attendees.length === 0 ? (
        <p>Nobody matches.</p>
      ) : (
        <DataTable
          caption="Attendees, their RSVP, sessions, needs and check-in"
          columns={['Name', 'RSVP', 'Contact', 'Sessions', 'Needs', 'Checked in']}
        >
          {attendees.map((a) => (
            <tr>
              <th scope="row">{fullName(a)}</th>
              <td>
                {rsvpStatusLabels[a.status]}
                {a.position ? ` (#${a.position})` : ''}
              </td>
              <td class="wrap-anywhere">
                {a.email}
                {a.phone ? (
                  <>
                    <br />
                    {a.phone}
                  </>
                ) : null}
              </td>
              <td>
                {a.sessionIds
                  .map((id) => sessions.get(id) ?? '')
                  .filter(Boolean)
                  .join(', ')}
              </td>
              <td>{needsText(a)}</td>
              <td>{a.checkedInAt ? <When at={a.checkedInAt} timeZone={event.timeZone} /> : 'No'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.canMessage ? (
        <section aria-labelledby="message-heading">
          <h2 id="message-heading">Message attendees</h2>
          <p>
            Starts a broadcast draft addressed to them, for you to write, preview and send. Only those who chose event
            emails get it: they can leave at any time with the link in every email.
          </p>
          <Form action={`${base}/message`} token={props.token} class="inline-action">
            <input type="hidden" name="group" value="confirmed" />
            <button type="submit" class="button secondary">
              Message the {people(event.rsvps.confirmed)} coming
            </button>
          </Form>
          <Form action={`${base}/message`} token={props.token} class="inline-action">
            <input type="hidden" name="group" value="waitlisted" />
            <button type="submit" class="button secondary">
              Message the {people(event.rsvps.waitlisted)} waiting
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
