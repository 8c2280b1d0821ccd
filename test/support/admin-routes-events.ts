import type { Database } from '../../src/platform/db/client.ts';
import { createEvent } from '../../src/features/events/service.ts';
import { addRsvp, sampleDraft } from '../../src/features/events/admin-test-support.ts';
import { all, get, post, writers, type AdminRouteCase } from './admin-routes.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';

// The events workspace (issue 15), in the role × route table of admin-routes.ts.

/**
 * Events: everyone reads, content writers edit and publish; who is coming (attendees, the sheet, the door, messages)
 * and cancelling are for those who run campaigns (see events/permissions.ts). Each post is refused or harmless:
 * empty forms, unconfirmed questions, a check-in of nobody.
 */
export async function eventRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const campaigners: StaffRole[] = ['admin', 'organizer'];
  const made = await createEvent(database.db, sampleDraft({ meetsLegislators: true }, 'Route probe'), null);
  if (!made.ok) throw new Error('event route probe not made');
  await addRsvp(database.db, made.id, { givenName: 'Route', familyName: 'Probe' });
  const base = '/admin/events';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${made.id}`;
  return [
    get(base, all),
    get(`${base}/new`, writers),
    post(`${base}/new`, writers, { form: { slug: '' } }),
    get(id, all, url),
    post(id, writers, { url, form: { slug: '' } }),
    post(`${id}/publish`, writers, { url: `${url}/publish` }),
    get(`${id}/unpublish`, writers, `${url}/unpublish`),
    post(`${id}/unpublish`, writers, { url: `${url}/unpublish`, form: {} }),
    get(`${id}/cancel`, campaigners, `${url}/cancel`),
    post(`${id}/cancel`, campaigners, { url: `${url}/cancel`, form: {} }),
    get(`${id}/attendees`, campaigners, `${url}/attendees`),
    get(`${id}/attendees.csv`, campaigners, `${url}/attendees.csv`),
    get(`${id}/sheet`, campaigners, `${url}/sheet`),
    get(`${id}/legislators`, campaigners, `${url}/legislators`),
    post(`${id}/message`, campaigners, { url: `${base}/999999/message`, form: { group: 'confirmed' } }),
    get(`${id}/check-in`, campaigners, `${url}/check-in`),
    post(`${id}/check-in`, campaigners, { url: `${url}/check-in`, form: { rsvp: '999999' } }),
  ];
}
