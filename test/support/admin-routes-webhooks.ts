import { webhookEndpoints } from '../../src/features/webhooks/schema.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';
import { get, post, type AdminRouteCase } from './admin-routes.ts';

// Webhooks (issue 20), in the role × route table of admin-routes.ts: admins only (webhooks/permissions.ts).

/**
 * A paused probe endpoint (its secret a placeholder: nothing is sent to it). The add form is sent empty, so it is
 * refused; pause and resume leave it as the walk found it only in that order, and rotate and delete without the
 * confirmation's answer only ask the question.
 */
export async function webhookRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const [endpoint] = await database.db
    .insert(webhookEndpoints)
    .values({
      url: 'https://receiver.example.org/route-walk',
      description: 'Route walk probe',
      events: ['person.created'],
      status: 'paused',
      pausedReason: 'staff',
      secretSealed: 'v1.probe.probe.probe',
    })
    .returning({ id: webhookEndpoints.id });
  const admins: StaffRole[] = ['admin'];
  const base = '/admin/webhooks';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${endpoint!.id}`;
  return [
    get(base, admins),
    post(base, admins, { form: {} }),
    get(id, admins, url),
    post(`${id}/resume`, admins, { url: `${url}/resume`, form: {} }),
    post(`${id}/pause`, admins, { url: `${url}/pause`, form: {} }),
    get(`${id}/rotate`, admins, `${url}/rotate`),
    post(`${id}/rotate`, admins, { url: `${url}/rotate`, form: {} }),
    get(`${id}/delete`, admins, `${url}/delete`),
    post(`${id}/delete`, admins, { url: `${url}/delete`, form: {} }),
  ];
}
