import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { listAudit } from '../audit/service.ts';
import { legislators } from '../reference/schema.ts';
import { addRsvp, sampleDraft } from './admin-test-support.ts';
import { attendeesByLegislator, attendeesCsv, attendeeSupporterIds, listAttendees } from './attendees.ts';
import { checkIn, undoCheckIn } from './check-in.ts';
import { createEvent, getEventForStaff } from './event-editing.ts';

const actor = { staffId: null, email: 'organizer@staff.example', ip: '127.0.0.1' };

describeEachDatabase('attendees and check-in', (database) => {
  async function eventWithPeople() {
    const db = database().db;
    const draft = sampleDraft({ capacity: 2, meetsLegislators: true });
    draft.sessions = [
      { titleEn: 'Morning', titleEs: 'Mañana', startsAt: draft.facts.startsAt, endsAt: draft.facts.endsAt },
    ];
    draft.questions = [{ kind: 'text', labelEn: 'Diet', labelEs: 'Dieta', choices: [], required: false }];
    const { id } = (await createEvent(db, draft, actor)) as { id: number };
    const event = (await getEventForStaff(db, id))!;
    const session = event.sessions[0]!.id;
    const question = String(event.questions[0]!.id);
    const ana = await addRsvp(db, id, { givenName: 'Ana', familyName: 'Zamora', eventsTopic: true }, 'confirmed', {
      sessionIds: [session],
      senateDistrict: 10,
      houseDistrict: 19,
      needs: {
        interpretation: ['spanish'],
        interpretationOther: '',
        accessibility: '',
        childcare: true,
        travelHelp: false,
      },
      answers: { [question]: '=HYPERLINK("http://evil")' },
    });
    const bo = await addRsvp(db, id, { givenName: '=cmd', familyName: 'Adams' }, 'confirmed', {
      senateDistrict: 10,
      houseDistrict: 20,
      phone: '+1 503 555 0100',
    });
    const cy = await addRsvp(db, id, { givenName: 'Cy', familyName: 'Brown', eventsTopic: true }, 'waitlisted');
    const di = await addRsvp(db, id, { givenName: 'Di', familyName: 'Cole' }, 'waitlisted');
    const ed = await addRsvp(db, id, { givenName: 'Ed', familyName: 'Diaz' }, 'cancelled');
    return { id, session, question, ana, bo, cy, di, ed };
  }

  it('lists confirmed by family name, then the waitlist in order, and filters', async () => {
    const db = database().db;
    const { id, session, ana, bo, cy, di } = await eventWithPeople();
    const all = await listAttendees(db, id);
    expect(all.map((a) => a.familyName)).toEqual(['Adams', 'Zamora', 'Brown', 'Cole', 'Diaz']);
    expect(all.find((a) => a.id === cy.rsvpId)!.position).toBe(1);
    expect(all.find((a) => a.id === di.rsvpId)!.position).toBe(2);
    const ids = async (f: Parameters<typeof listAttendees>[2]) => (await listAttendees(db, id, f)).map((a) => a.id);
    expect(await ids({ status: 'waitlisted' })).toEqual([cy.rsvpId, di.rsvpId]);
    expect(await ids({ session })).toEqual([ana.rsvpId]);
    expect(await ids({ need: 'interpretation' })).toEqual([ana.rsvpId]);
    expect(await ids({ need: 'childcare' })).toEqual([ana.rsvpId]);
    expect(await ids({ need: 'travel' })).toEqual([]);
    expect(await ids({ q: 'ZAM' })).toEqual([ana.rsvpId]);
    expect(await ids({ q: "%'_" })).toEqual([]);
    await checkIn(db, id, bo.rsvpId, actor);
    expect(await ids({ present: 'yes' })).toEqual([bo.rsvpId]);
    expect(await ids({ present: 'no', status: 'confirmed' })).toEqual([ana.rsvpId]);
    expect(await attendeeSupporterIds(db, id, 'waitlisted')).toEqual([cy.supporterId, di.supporterId]);
  });

  it('exports CSV that a spreadsheet reads as text, with a column per question', async () => {
    const db = database().db;
    const { id } = await eventWithPeople();
    const event = (await getEventForStaff(db, id))!;
    const csv = attendeesCsv(event, await listAttendees(db, id));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toContain('Diet');
    const bo = rows.find((r) => r.family_name === 'Adams')!;
    expect(bo.given_name).toBe("'=cmd");
    // A leading + is a formula to a spreadsheet too: kept as text.
    expect(bo.phone).toBe("'+1 503 555 0100");
    const ana = rows.find((r) => r.family_name === 'Zamora')!;
    expect(ana).toMatchObject({
      sessions: 'Morning',
      interpretation: 'spanish',
      childcare: 'yes',
      senate_district: '10',
    });
    expect(ana.Diet).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows.find((r) => r.family_name === 'Cole')!.waitlist_position).toBe('2');
  });

  it('groups the confirmed by district, with each district’s legislators', async () => {
    const db = database().db;
    await db
      .insert(legislators)
      .values([
        {
          id: `ocd-person/sample-${Date.now()}-s`,
          name: 'Sample Senator',
          chamber: 'upper',
          district: '10',
          party: 'X',
        },
        { id: `ocd-person/sample-${Date.now()}-h`, name: 'Sample Representative', chamber: 'lower', district: '19' },
      ])
      .onConflictDoNothing();
    const { id } = await eventWithPeople();
    const { senate, house } = await attendeesByLegislator(db, id);
    expect(senate).toHaveLength(1);
    expect(senate[0]!.legislators.map((l) => l.name)).toEqual(['Sample Senator']);
    expect(senate[0]!.attendees.map((a) => a.familyName)).toEqual(['Adams', 'Zamora']);
    expect(house.map((g) => g.district)).toEqual([19, 20]);
    expect(house[1]!.legislators).toEqual([]);
  });

  it('counts a check-in sent twice, or at once from two tablets, once; undoes; refuses a cancelled RSVP', async () => {
    const db = database().db;
    const { id, ana, ed } = await eventWithPeople();
    const audits = async () => (await listAudit(db, { action: 'event.check-in', perPage: 100 })).rows.length;
    const before = await audits();
    const results = await Promise.all([1, 2, 3].map(() => checkIn(db, id, ana.rsvpId, actor)));
    expect(results.filter((r) => r.kind === 'checked-in' && !r.already)).toHaveLength(1);
    const times = new Set(results.map((r) => (r.kind === 'checked-in' ? r.at.toISOString() : '')));
    expect(times.size).toBe(1);
    const again = await checkIn(db, id, ana.rsvpId, actor);
    expect(again).toMatchObject({ kind: 'checked-in', already: true });
    expect(await audits()).toBe(before + 1);
    expect((await getEventForStaff(db, id))!.rsvps.checkedIn).toBe(1);

    expect(await undoCheckIn(db, id, ana.rsvpId, actor)).toEqual({ kind: 'undone', already: false });
    expect(await undoCheckIn(db, id, ana.rsvpId, actor)).toEqual({ kind: 'undone', already: true });
    expect((await listAttendees(db, id, { present: 'yes' })).length).toBe(0);
    expect(await checkIn(db, id, ed.rsvpId, actor)).toEqual({ kind: 'not-found' });
    // Another event's id in the path: nothing is marked.
    expect(await checkIn(db, id + 1000, ana.rsvpId, actor)).toEqual({ kind: 'not-found' });
  });
});
