import { createApiKey } from '../../src/features/api/service.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';
import { Secrets } from '../../src/platform/crypto.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { get, post, type AdminRouteCase } from './admin-routes.ts';

/**
 * API keys (issue 20), in the role × route table of admin-routes.ts: admins only (api/permissions.ts). The make
 * form is sent empty (400); a revoke without the confirmation's answer only leads back, so the probe key stays
 * usable for the screens after.
 */
export async function apiKeyRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const { key } = await createApiKey(
    database.db,
    new Secrets('test-secret-key-that-is-long-enough-0123456789'),
    { name: 'Route probe', scopes: ['read_people'] },
    { staffId: null, email: 'routes@staff.example', ip: '127.0.0.1' },
  );
  const admins: StaffRole[] = ['admin'];
  const revoke = '/admin/api-keys/:id{[0-9]{1,9}}/revoke';
  return [
    get('/admin/api-keys', admins),
    post('/admin/api-keys', admins, { form: { name: '' } }),
    get(revoke, admins, `/admin/api-keys/${key.id}/revoke`),
    post(revoke, admins, { url: `/admin/api-keys/${key.id}/revoke`, form: {} }),
  ];
}
