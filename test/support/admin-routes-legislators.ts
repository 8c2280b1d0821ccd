import type { Database } from '../../src/platform/db/client.ts';
import { listBills, seedDemoAgenda } from '../../src/features/legislators/service.ts';
import { all, get, post, writers, type AdminRouteCase } from './admin-routes.ts';

/**
 * The agenda, votes and scorecards (issue 16): everyone looks, content writers change. Every post is
 * refused or changes nothing: forms sent empty or wrong (400), a delete unconfirmed (the question again),
 * votes with no legislator's cell (nothing to change).
 */
export async function legislatorRouteCases(database: Database): Promise<AdminRouteCase[]> {
  await seedDemoAgenda(database.db);
  const bill = (await listBills(database.db))[0]!;
  const base = '/admin/legislators';
  const id = `${base}/bills/:id{[0-9]{1,9}}`;
  const url = `${base}/bills/${bill.id}`;
  const card = `${base}/scorecards/:session{[^/]{1,180}}`;
  const cardUrl = `${base}/scorecards/${encodeURIComponent(bill.session)}`;
  return [
    get(base, all),
    get(`${base}/bills/new`, writers),
    post(`${base}/bills/new`, writers, { form: { titleEn: '' } }),
    get(id, all, url),
    post(id, writers, { url, form: { titleEn: '' } }),
    get(`${id}/delete`, writers, `${url}/delete`),
    post(`${id}/delete`, writers, { url: `${url}/delete`, form: {} }),
    get(`${id}/votes`, all, `${url}/votes`),
    post(`${id}/votes`, writers, { url: `${url}/votes`, form: {} }),
    get(`${base}/scorecards/new`, writers),
    post(`${base}/scorecards/new`, writers, { form: { session: '' } }),
    get(card, all, cardUrl),
    post(card, writers, { url: cardUrl, form: { gradeSteps: 'nonsense' } }),
  ];
}
