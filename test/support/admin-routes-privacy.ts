import { privacyRequests } from '../../src/features/privacy/schema.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';
import { get, post, type AdminRouteCase } from './admin-routes.ts';

// Privacy requests (issue 18), in the role × route table of admin-routes.ts: admins only (privacy/permissions.ts).

/** A refused request, which each post leaves as it was: its forms are sent empty, so each is refused. */
export async function privacyRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const [request] = await database.db
    .insert(privacyRequests)
    .values({
      kind: 'correction',
      status: 'refused',
      locale: 'en',
      emailHash: 'route-walk-probe',
      requestedAt: new Date(),
      decidedAt: new Date(),
      decision: 'refused',
      decisionReason: 'A probe for the route walk.',
    })
    .returning({ id: privacyRequests.id });
  const admins: StaffRole[] = ['admin'];
  const base = '/admin/privacy';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${request!.id}`;
  return [
    get(base, admins, `${base}?status=all`),
    get(id, admins, url),
    post(`${id}/decision`, admins, { url: `${url}/decision`, form: {} }),
    post(`${id}/appeal`, admins, { url: `${url}/appeal`, form: {} }),
    post(`${id}/appeal-decision`, admins, { url: `${url}/appeal-decision`, form: {} }),
  ];
}
