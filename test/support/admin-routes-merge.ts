import type { Database } from '../../src/platform/db/client.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';
import { supporters } from '../../src/features/supporters/schema.ts';
import { get, post, type AdminRouteCase } from './admin-routes.ts';

// Duplicates, merge and its undo (issue 18, ADR 069), in the role × route table of admin-routes.ts.

/**
 * The roles that run campaigns find likely duplicates, merge and undo (supporters/permissions.ts `merge`). Two probe
 * records that look alike; the merge is sent without its tick (400) and the undo names no merge (404), so the walk
 * merges nobody.
 */
export async function mergeRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const campaigners: StaffRole[] = ['admin', 'organizer'];
  const stamp = Date.now();
  const probes = await database.db
    .insert(supporters)
    .values(
      ['one', 'two'].map((n, i) => ({
        email: `merge-probe-${n}-${stamp}@example.org`,
        emailAsTyped: `merge-probe-${n}-${stamp}@example.org`,
        givenName: 'Merge',
        familyName: 'Probe',
        zip: '97301',
        phone: i === 0 ? '503-555-0199' : '(503) 555 0199',
      })),
    )
    .returning({ id: supporters.id });
  const pair = '/admin/supporters/merge/:kept{[0-9]{1,9}}/:other{[0-9]{1,9}}';
  const url = `/admin/supporters/merge/${probes[0]!.id}/${probes[1]!.id}`;
  return [
    get('/admin/supporters/duplicates', campaigners),
    get(pair, campaigners, url),
    post(pair, campaigners, { url, form: { email: 'kept' } }),
    get('/admin/supporters/merges', campaigners),
    post('/admin/supporters/merges/:merge{[0-9]{1,9}}/undo', campaigners, {
      url: '/admin/supporters/merges/999999/undo',
    }),
  ];
}
