import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { answerTo } from '../../../test/support/person-check.ts';
import { browser } from '../../../test/support/staff.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR } from '../../platform/http/form-challenge.ts';
import { addToCount } from './counts.ts';
import { petitions, signatures } from './schema.ts';
import { makeOpenPetition, seedTestZips } from './test-support.ts';

const page = async (app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> }, path: string) => {
  const res = await app.request(path, { headers: { cookie: `lang=${path.startsWith('/es') ? 'es' : 'en'}` } });
  return { status: res.status, html: await res.text() };
};
const menuOf = (html: string) => html.slice(html.indexOf('<nav class="site-nav"'), html.indexOf('</nav>'));

describeEachDatabase('the public list of petitions, the site map and the menu', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(async () => {
    app = createTestApp(database()).app;
    await seedDemoContent(db());
    await seedTestZips(db());
  });

  it(
    'offers petitions in the menu while one is open; ' + 'lists open ones, then closed ones with their outcome',
    async () => {
      // Nothing public yet (a draft is not): no menu item, an empty list that says so, and nothing in the sitemap.
      await makeOpenPetition(db(), 'drafted', { status: 'draft' });
      expect(menuOf((await page(app, '/')).html)).not.toContain('/petitions');
      const empty = await page(app, '/petitions');
      expect(empty.status).toBe(200);
      expect(empty.html).toContain('No petition is open for signatures right now.');
      expect(empty.html).not.toContain('drafted');

      const won = await makeOpenPetition(db(), 'won', {
        status: 'closed',
        goal: 20000,
        closesAt: new Date('2026-03-03T20:00:00Z'),
      });
      await addToCount(db(), won.id, 23456);
      const lost = await makeOpenPetition(db(), 'lost', { status: 'archived', goal: 10000 });
      await addToCount(db(), lost.id, 1234);
      // Closed but nothing open: still no menu item.
      expect(menuOf((await page(app, '/about')).html)).not.toContain('/petitions');

      const open = await makeOpenPetition(db(), 'open-now', { goal: 12000 });
      await addToCount(db(), open.id, 10500);
      // The menu on every page, cached or not, links the list at once; in Spanish too, in Spanish words.
      expect(menuOf((await page(app, '/about')).html)).toContain('<a href="/petitions">Petitions</a>');
      const es = await page(app, '/es/petitions');
      expect(menuOf(es.html)).toContain('<a href="/es/petitions" aria-current="page">Peticiones</a>');

      const en = await page(app, '/petitions');
      const html = en.html;
      expect(html).toContain('<title>Petitions · ');
      const [openPart, closedPart] = html.split('id="closed-petitions"');
      expect(openPart).toContain('<a href="/petitions/open-now">Safety for all (open-now)</a>');
      expect(openPart).toContain('10,500 of 12,000 verified signatures');
      expect(openPart).not.toContain('/petitions/won"');
      // The most recently closed first, each with what came of it.
      expect(closedPart!.indexOf('/petitions/lost')).toBeLessThan(closedPart!.indexOf('/petitions/won'));
      expect(closedPart).toContain('Closed on March 3, 2026. <strong>Goal reached: 23,456 verified signatures');
      expect(closedPart).toContain('1,234 verified signatures, short of the goal of 10,000.');
      expect(html).not.toContain('drafted');
      // Spanish numbers and dates.
      expect(es.html).toContain('10.500 de 12.000 firmas verificadas');
      expect(es.html).toContain('Cerró el 3 de marzo de 2026.');
      expect(es.html).toContain('Meta alcanzada: 23.456 firmas verificadas');
      expect(es.html).toContain('<a href="/es/petitions/open-now">Seguridad para todos (open-now)</a>');

      // Closing the open one takes the menu item away again.
      await db().update(petitions).set({ status: 'closed', updatedAt: new Date() }).where(eq(petitions.id, open.id));
      expect(menuOf((await page(app, '/about')).html)).not.toContain('/petitions');
    },
  );

  it('puts the list and every public petition in sitemap.xml, in both languages', async () => {
    const xml = await (await app.request('/sitemap.xml')).text();
    for (const path of ['/petitions', '/petitions/won', '/petitions/lost', '/site-map', '/join']) {
      expect(xml).toContain(`<loc>http://localhost:3000${path}</loc>`);
      expect(xml).toContain(`<loc>http://localhost:3000/es${path}</loc>`);
    }
    expect(xml).not.toContain('drafted');
    expect(await (await app.request('/robots.txt')).text()).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });

  it('gives people a site map page in each language, linked from every footer', async () => {
    const home = await page(app, '/');
    expect(home.html).toContain('<a href="/site-map">Site map</a>');
    expect(home.html).not.toContain('href="/sitemap.xml"');
    const en = await page(app, '/site-map');
    expect(en.status).toBe(200);
    expect(en.html).toContain('<h1>Site map</h1>');
    for (const link of ['/"', '/about"', '/tips"', '/privacy"', '/join"', '/policies"', '/resources"', '/petitions"'])
      expect(en.html).toContain(`href="${link}`);
    expect(en.html).toMatch(/href="\/policies\/[a-z0-9-]+"/);
    expect(en.html).toMatch(/href="\/resources\/[a-z0-9-]+"/);
    expect(en.html).toContain('<a href="/petitions/won">Safety for all (won)</a>');
    const es = await page(app, '/es/site-map');
    expect(es.html).toContain('<h1>Mapa del sitio</h1>');
    expect(es.html).toContain('<title>Mapa del sitio · ');
    expect(es.html).toContain('<a href="/es/petitions/won">Seguridad para todos (won)</a>');
    expect(es.html).toContain('<a href="/es/site-map">Mapa del sitio</a>');
  });

  it('shows a petition without any word of the machinery when no reference data is loaded', async () => {
    for (const path of ['/petitions/won', '/es/petitions/won']) {
      const { status, html } = await page(app, path);
      expect(status).toBe(200);
      expect(html).not.toContain('where-title');
      for (const machinery of ['npm', 'reference:import', 'cli', 'administrator', 'administradora', '<code>'])
        expect(html).not.toContain(machinery);
    }
  });

  it('takes 30 signatures from one address without JavaScript: each goes through or asks a question', async () => {
    await makeOpenPetition(db(), 'rally');
    const b = browser(app);
    const sign = (form: Record<string, string>) =>
      b.request('/petitions/rally/sign', {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      });
    const person = (i: number) => ({
      givenName: 'Ana',
      familyName: `Rivera ${i}`,
      email: `rally-${i}@example.org`,
      zip: '97204',
    });
    let asked = 0;
    for (let i = 0; i < 30; i++) {
      let res = await sign(person(i));
      if (res.status !== 200) {
        asked += 1;
        expect(res.status).toBe(400);
        const html = await res.text();
        expect(html).toContain('<label for="person-check">To send the form, answer this question: what is');
        expect(html).toContain(`value="rally-${i}@example.org"`);
        expect(html).not.toMatch(/in an hour|try again later/);
        res = await sign({ ...person(i), ...answerTo(html) });
      }
      expect(res.status).toBe(200);
    }
    expect(asked).toBe(30 - SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR);
    const kept = await db()
      .select()
      .from(signatures)
      .where(eq(signatures.petitionId, (await petitionId('rally'))!));
    expect(kept).toHaveLength(30);

    // A bot that cannot answer keeps nothing, whatever it sends.
    for (let i = 0; i < 5; i++) expect((await sign(person(100 + i))).status).toBe(400);
    expect((await sign({ ...person(200), 'person-check': '7' })).status).toBe(400);
    expect(
      (
        await db()
          .select()
          .from(signatures)
          .where(eq(signatures.petitionId, (await petitionId('rally'))!))
      ).length,
    ).toBe(30);
  });

  const petitionId = async (slug: string) =>
    (await db().select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, slug)))[0]?.id;
});
