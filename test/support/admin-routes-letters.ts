import type { Database } from '../../src/platform/db/client.ts';
import { createCampaign } from '../../src/features/letters/campaign-editing.ts';
import { sampleCampaign } from '../../src/features/letters/admin-test-support.ts';
import type { StaffRole } from '../../src/features/staff/service.ts';
import { all, get, post, type AdminRouteCase } from './admin-routes.ts';

// Letters to legislators (issue 16), in the role × route table of admin-routes.ts.

/**
 * Letter campaigns: everyone reads; admins and organizers make, open and close them and read the reports (writers'
 * letters are personal data); only admins turn live delivery on or off (see letters/permissions.ts). Each post is
 * refused or harmless: empty forms, unconfirmed questions; opening the probe opens nothing anyone writes to.
 */
export async function letterRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const campaigners: StaffRole[] = ['admin', 'organizer'];
  const admins: StaffRole[] = ['admin'];
  const made = await createCampaign(database.db, sampleCampaign({}, 'Route probe'), null);
  if (!made.ok) throw new Error('letter campaign route probe not made');
  const base = '/admin/letters';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${made.id}`;
  return [
    get(base, all),
    get(`${base}/new`, campaigners),
    post(`${base}/new`, campaigners, { form: { slug: '' } }),
    get(id, all, url),
    post(id, campaigners, { url, form: { slug: '' } }),
    post(`${id}/open`, campaigners, { url: `${url}/open` }),
    post(`${id}/draft`, campaigners, { url: `${url}/draft` }),
    get(`${id}/close`, campaigners, `${url}/close`),
    post(`${id}/close`, campaigners, { url: `${url}/close`, form: {} }),
    get(`${id}/live`, admins, `${url}/live`),
    post(`${id}/live`, admins, { url: `${url}/live`, form: {} }),
    get(`${id}/live/off`, admins, `${url}/live/off`),
    post(`${id}/live/off`, admins, { url: `${url}/live/off`, form: {} }),
    get(`${id}/report`, campaigners, `${url}/report`),
    get(`${id}/report.csv`, campaigners, `${url}/report.csv`),
    get(`${id}/deliveries`, campaigners, `${url}/deliveries?status=sent`),
    get(`${id}/packet`, campaigners, `${url}/packet`),
  ];
}
