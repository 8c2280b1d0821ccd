import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, type Browser } from '../../../test/support/staff.ts';
import { importReference } from '../reference/import.ts';
import { listLegislators } from '../reference/service.ts';
import { describeWithSharedData, sharedData } from '../reference/test-data.ts';
import { listBills } from './agenda.ts';
import { legislatorSlug, personUuid } from './directory.ts';
import { seedDemoAgenda } from './seed.ts';

const scharf = 'ocd-person/a22ec130-3ba7-4304-9e6f-3a950b8454cb';

describeWithSharedData('legislators', () => {
  describeEachDatabase('the legislator pages and the agenda', (database) => {
    const db = () => database().db;
    let app: ReturnType<typeof createTestApp>['app'];
    let editor: Browser;
    let viewer: Browser;

    beforeAll(async () => {
      await importReference(db(), { dir: sharedData }, new Date('2026-12-01T12:00:00Z'));
      expect((await seedDemoAgenda(db())).seeded).toBe(true);
      expect((await seedDemoAgenda(db())).seeded).toBe(false);
      app = createTestApp(database()).app;
      editor = await signedInAs(app, database(), 'editor');
      viewer = await signedInAs(app, database(), 'viewer');
    }, 60_000);

    it('lists both chambers, and finds by name, by district and by chamber, in English and Spanish', async () => {
      const all = await (await browser(app).request('/legislators')).text();
      expect(all).toContain('90 legislators');
      expect(all).toContain('href="/legislators/anna-scharf-house-23"');
      const byName = await (await browser(app).request('/legislators?q=scharf')).text();
      expect(byName).toContain('1 legislator<');
      const byDistrict = await (await browser(app).request('/legislators?q=23&chamber=lower')).text();
      expect(byDistrict).toContain('Anna Scharf');
      expect(byDistrict).toContain('1 legislator<');
      const senate = await (await browser(app).request('/legislators?chamber=upper&q=%00')).text();
      expect(senate).toContain('No legislator matches');
      const es = await (await browser(app).request('/es/legislators?chamber=upper')).text();
      expect(es).toContain('30 legisladores');
      expect(es).toContain('href="/es/legislators/');
    });

    it('shows a legislator: district map, committees, contact; a uuid address sends to the name', async () => {
      const page = await browser(app).request('/legislators/anna-scharf-house-23');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('House District 23');
      expect(html).toContain('class="district-map"');
      expect(html).toContain('Early Childhood and Human Services');
      expect(html).toContain('mailto:rep.annascharf@oregonlegislature.gov');
      expect(html).toContain('Room H-387');
      const moved = await browser(app).request(`/es/legislators/${personUuid(scharf)}`);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('/es/legislators/anna-scharf-house-23');
      expect((await browser(app).request('/legislators/nobody-house-99')).status).toBe(404);
      const sitemap = await (await browser(app).request('/sitemap.xml')).text();
      expect(sitemap).toContain('/legislators/anna-scharf-house-23</loc>');
      expect(sitemap).toContain('/es/legislators/anna-scharf-house-23</loc>');
    });

    it('records sponsors and votes, and grades them only once the scorecard is published', async () => {
      const roster = await listLegislators(db());
      const sample = (await listBills(db()))[0]!;
      expect(sample).toMatchObject({ billNumber: '', isDemo: true, sponsorIds: [] });
      const created = await editor.post(
        '/admin/legislators/bills/new',
        {
          session: '2027 regular session',
          billNumber: '',
          titleEn: 'Sample bill: a second sample',
          titleEs: '',
          position: 'oppose',
          path: '',
          [`sponsor-${personUuid(scharf)}`]: 'on',
          'sponsor-not-a-person': 'on',
        },
        { from: '/admin/legislators/bills/new' },
      );
      expect(created.status).toBe(303);
      const second = (await listBills(db())).find((b) => b.titleEn === 'Sample bill: a second sample')!;
      expect(second.sponsorIds).toEqual([scharf]);

      const votes = (yes: string, no: string) =>
        Object.fromEntries(
          roster.map((l) => [`vote-${personUuid(l.id)}`, l.id === scharf ? yes : l.district === '1' ? 'excused' : '']),
        );
      const from = { from: `/admin/legislators/bills/${sample.id}/votes` };
      expect((await editor.post(`/admin/legislators/bills/${sample.id}/votes`, votes('yes', ''), from)).status).toBe(
        303,
      );
      expect((await editor.post(`/admin/legislators/bills/${second.id}/votes`, votes('yes', ''), from)).status).toBe(
        303,
      );

      const before = await (await browser(app).request('/legislators/anna-scharf-house-23')).text();
      expect(before).toContain('Sample bill: a second sample');
      expect(before).toContain('We oppose');
      expect(before).not.toContain('Scorecards');

      const card = '/admin/legislators/scorecards/2027%20regular%20session';
      const saved = await editor.post(card, { gradeSteps: 'A 90\nB 50\nF 0', published: 'on' }, { from: card });
      expect(saved.status).toBe(303);
      const after = await (await browser(app).request('/legislators/anna-scharf-house-23')).text();
      expect(after).toContain('Scorecards');
      expect(after).toContain('B: voted with us on 1 of 2 counted votes');
      const es = await (await browser(app).request('/es/legislators/anna-scharf-house-23')).text();
      expect(es).toContain('votó con nosotros en 1 de 2 votos contados');
      expect(es).toContain('Proyecto de ley de muestra');
    });

    it('refuses bad input with the form as typed, and lets viewers look but not change', async () => {
      const refused = await editor.post(
        '/admin/legislators/bills/new',
        { session: '2027', billNumber: 'not a number', titleEn: '<b>Typed</b>', position: 'support' },
        { from: '/admin/legislators/bills/new' },
      );
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toMatch(/<title>Error: /);
      expect(html).toContain('value="&lt;b&gt;Typed&lt;/b&gt;"');
      expect(html).toContain('Write the bill number as the Legislature does');
      const steps = await editor.post(
        '/admin/legislators/scorecards/new',
        { session: '2029 regular session', gradeSteps: 'A 90\nB 95\nF 0' },
        { from: '/admin/legislators/scorecards/new' },
      );
      expect(steps.status).toBe(400);
      expect(await steps.text()).toContain('List the steps from the highest share to the lowest');

      expect((await viewer.request('/admin/legislators')).status).toBe(200);
      const bill = (await listBills(db()))[0]!;
      const look = await viewer.request(`/admin/legislators/bills/${bill.id}/votes`);
      expect(look.status).toBe(200);
      expect(await look.text()).toContain('disabled');
      const change = await viewer.post(
        `/admin/legislators/bills/${bill.id}/votes`,
        {},
        { from: `/admin/legislators/bills/${bill.id}/votes` },
      );
      expect(change.status).toBe(403);
    });

    it('names each page by the legislator’s name, chamber and district', () => {
      expect(legislatorSlug({ name: 'Tawna Sánchez', chamber: 'lower', district: '43' })).toBe(
        'tawna-sanchez-house-43',
      );
    });
  });
});
