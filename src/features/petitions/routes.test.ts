import { gunzipSync } from 'node:zlib';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { solvedChallenge } from '../../../test/support/form-challenge.ts';
import { answerTo } from '../../../test/support/person-check.ts';
import { browser, type Browser } from '../../../test/support/staff.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters } from '../supporters/schema.ts';
import { signatures, signingBlocks, signingLimits } from './schema.ts';
import { DEMO_PETITION_SLUG, seedDemoPetition } from './seed.ts';
import { makeOpenPetition, seedTestDistricts, seedTestZips } from './test-support.ts';

describeEachDatabase('petition pages and signing over HTTP', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(async () => {
    app = createTestApp(database()).app;
    await seedTestZips(db());
    await seedTestDistricts(db());
  });

  const fields = (email: string, extra: Record<string, string> = {}) => ({
    givenName: 'Ana',
    familyName: 'Rivera',
    email,
    zip: '97204',
    ...extra,
  });
  /** The form on the cached page carries no token: the browser's Sec-Fetch-Site vouches for it (ADR 018). */
  const sign = (b: Browser, slug: string, form: Record<string, string>, prefix = '') =>
    b.request(`${prefix}/petitions/${slug}/sign`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
  const countOf = async (slug: string) =>
    ((await (await app.request(`/petitions/${slug}/count.json`)).json()) as { count: number }).count;
  const tokenFor = async (email: string) => {
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.template, 'petition-confirm')))
      .orderBy(desc(emailOutbox.id))
      .limit(1);
    return String(mail!.data.token);
  };

  it('shows the petition in both languages, alike for all: count, goal, share links, a tokenless form', async () => {
    await makeOpenPetition(db(), 'page');
    const en = await app.request('/petitions/page', { headers: { cookie: 'lang=en' } });
    expect(en.status).toBe(200);
    const html = await en.text();
    expect(html).toContain('<h1>Safety for all (page)</h1>');
    expect(html).toMatch(/<strong data-count="?[^>]*>0<\/strong>of 100 verified signatures/);
    expect(html).toContain('<progress max="100" value="0" aria-labelledby="petition-count-text">');
    expect(html).toContain('Next milestone: 10 signatures.');
    expect(html).toContain('action="/petitions/page/sign"');
    expect(html).not.toContain('name="_csrf"');
    for (const share of [
      'mailto:?subject=',
      'sms:?&amp;body=',
      'https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Flocalhost%3A3000%2Fpetitions%2Fpage',
      'https://x.com/intent/tweet?',
      'https://bsky.app/intent/compose?',
      'https://wa.me/?text=',
    ]) {
      expect(html).toContain(share);
    }
    expect(html).toContain('aria-describedby="district-table"');
    expect(html).toMatch(/\/assets\/petition\.[0-9a-f]{12}\.js/);
    // Cached: the same bytes and ETag for the next visitor, and a 304 for a browser that has them.
    const again = await app.request('/petitions/page', { headers: { cookie: 'lang=en' } });
    expect(again.headers.get('etag')).toBe(en.headers.get('etag'));
    expect(
      (
        await app.request('/petitions/page', {
          headers: { cookie: 'lang=en', 'if-none-match': en.headers.get('etag')! },
        })
      ).status,
    ).toBe(304);

    const es = await (await app.request('/es/petitions/page', { headers: { cookie: 'lang=es' } })).text();
    expect(es).toContain('<h1>Seguridad para todos (page)</h1>');
    expect(es).toContain('de 100 firmas verificadas');
    expect(es).toContain('action="/es/petitions/page/sign"');
    expect((await app.request('/petitions/nope', { headers: { cookie: 'lang=en' } })).status).toBe(404);
  });

  it('serves the count as JSON that caches may keep for a second', async () => {
    await makeOpenPetition(db(), 'json');
    const res = await app.request('/petitions/json/count.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=30');
    expect(await res.json()).toEqual({ count: 0, goal: 100 });
    expect((await app.request('/petitions/missing/count.json')).status).toBe(404);
  });

  it('lets other sites frame the embed, and only the embed, which sets no cookie', async () => {
    await makeOpenPetition(db(), 'framed');
    // A first-time visitor preferring Spanish is not redirected and gets no cookie.
    const res = await app.request('/petitions/framed/embed', { headers: { 'accept-language': 'es' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.getSetCookie()).toEqual([]);
    const html = await res.text();
    expect(html).toContain('target="_blank"');
    expect(html).not.toContain('<form');
    const es = await app.request('/es/petitions/framed/embed');
    expect(await es.text()).toContain('<html lang="es"');
    const page = await app.request('/petitions/framed', { headers: { cookie: 'lang=en' } });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends the form back (400) with what was typed and a message by each field, in English and Spanish', async () => {
    await makeOpenPetition(db(), 'errors');
    const typed = {
      givenName: '',
      familyName: 'Rivera',
      email: 'not an email',
      zip: '98101',
      street: '1 Main St',
      comment: 'Yes <b>please</b>',
      showPublicly: 'on',
    };
    const res = await sign(browser(app), 'errors', typed);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('class="error-summary"');
    for (const kept of [
      'value="not an email"',
      'value="98101"',
      'value="1 Main St"',
      'Yes &lt;b&gt;please&lt;/b&gt;</textarea>',
      'id="showPublicly" name="showPublicly" value="on" checked',
    ])
      expect(html).toContain(kept);
    for (const message of [
      'Enter your first name',
      'Enter an email address like name@example.org',
      'Enter an Oregon ZIP code',
    ])
      expect(html).toContain(message);
    expect(html).toContain('<a href="#zip">');

    const es = await sign(browser(app), 'errors', { ...typed, zip: '9720' }, '/es');
    expect(es.status).toBe(400);
    const body = await es.text();
    expect(body).toContain('Escribe tu nombre');
    expect(body).toContain('Escribe tu código postal de 5 dígitos');
    expect(body).toContain('action="/es/petitions/errors/sign"');
    expect(await db().select().from(supporters).where(eq(supporters.email, 'not an email'))).toHaveLength(0);
  });

  it('refuses a post from another site, and takes the cached page’s form on the browser’s word', async () => {
    await makeOpenPetition(db(), 'origin');
    const post = (headers: Record<string, string>) =>
      app.request('/petitions/origin/sign', {
        method: 'POST',
        body: new URLSearchParams(fields('origin@example.org')),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: 'http://localhost:3000', 'x-forwarded-for': '10.9.9.9' })).status).toBe(200);
  });

  it('signs, confirms only by the POST button, and the page counts it at once', async () => {
    await makeOpenPetition(db(), 'flow');
    const b = browser(app);
    const altcha = await solvedChallenge((path) => b.request(path));
    const res = await sign(b, 'flow', { ...fields('flow@example.org'), showPublicly: 'on', altcha });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = await res.text();
    expect(answer).toContain('Check your email to confirm your signature');
    // 97204 lies in one Senate district: nothing to choose.
    expect(answer).not.toContain('name="senate"');
    const token = await tokenFor('flow@example.org');

    const look = await b.request(`/petitions/flow/confirm/${token}`);
    expect(look.status).toBe(200);
    const interstitial = await look.text();
    expect(interstitial).toContain('Confirm my signature');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(interstitial)![1]!;
    expect(await countOf('flow')).toBe(0);
    const confirmed = await b.post(
      `/petitions/flow/confirm/${token}`,
      {},
      { from: `/petitions/flow/confirm/${token}` },
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Thank you: your signature counts');
    expect(await countOf('flow')).toBe(1);
    const page = await (await app.request('/petitions/flow', { headers: { cookie: 'lang=en' } })).text();
    expect(page).toMatch(/<strong data-count="?[^>]*>1<\/strong>/);
    expect(page).toContain('Ana · Multnomah County');
    expect(page).toMatch(/<th scope="row">17<\/th><td>1<\/td>/);

    const used = await b.request(`/petitions/flow/confirm/${token}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await used.text()).toContain('already confirmed');
    expect((await b.request(`/petitions/flow/confirm/${'A'.repeat(43)}`)).status).toBe(410);
  });

  it('gives a repeat the same answer as a first signature, so nobody learns who signed', async () => {
    await makeOpenPetition(db(), 'same-answer');
    const first = await (await sign(browser(app), 'same-answer', fields('twice@example.org'))).text();
    const second = await (await sign(browser(app), 'same-answer', fields('TWICE@example.org'))).text();
    const main = (html: string) =>
      html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(/name="_csrf" value="[^"]+"/g, '');
    expect(main(second)).toBe(main(first));
    expect(
      await db()
        .select()
        .from(signatures)
        .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
        .where(eq(supporters.email, 'twice@example.org')),
    ).toHaveLength(1);
  });

  it('offers the ZIP’s Senate districts after signing when it spans several, and keeps the choice', async () => {
    const petition = await makeOpenPetition(db(), 'choice');
    const b = browser(app);
    const html = await (await sign(b, 'choice', fields('salem@example.org', { zip: '97301' }))).text();
    for (const d of ['9', '10', '11']) expect(html).toContain(`name="senate" value="${d}"`);
    const choice = /name="choice" value="([^"]+)"/.exec(html)![1]!;
    // The page is shared by everyone with these districts but for the choice token, which is theirs alone.
    const other = await (await sign(browser(app), 'choice', fields('salem2@example.org', { zip: '97301' }))).text();
    const otherChoice = /name="choice" value="([^"]+)"/.exec(other)![1]!;
    expect(otherChoice).not.toBe(choice);
    expect(other.replace(otherChoice, choice)).toBe(html);
    // Compressed without compressing per signer: gzip, even for a browser that also takes brotli.
    const zipped = await b.request('/petitions/choice/sign', {
      method: 'POST',
      body: new URLSearchParams(fields('salem3@example.org', { zip: '97301' })),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'accept-encoding': 'br, gzip',
      },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const unzipped = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString();
    const thirdChoice = /name="choice" value="([^"]+)"/.exec(unzipped)![1]!;
    expect(unzipped.replace(thirdChoice, choice)).toBe(html);
    // The choice token authenticates the form, so it is checked
    // by the browser's origin instead of a CSRF token (ADR 018).
    const post = (senate: string, token = choice, site = 'same-origin') =>
      b.request('/petitions/choice/district', {
        method: 'POST',
        body: new URLSearchParams({ choice: token, senate }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': site },
      });
    expect((await post('10', choice, 'cross-site')).status).toBe(403);
    const wrong = await post('17');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Choose one of the districts listed');
    expect(
      (
        await post(
          '10',
          choice.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        )
      ).status,
    ).toBe(400);
    expect((await post('10')).status).toBe(200);
    const [row] = await db().select().from(signatures).where(eq(signatures.petitionId, petition.id));
    expect(row).toMatchObject({ senateDistrict: '10', districtSource: 'chosen' });
    expect((await post('11')).status).toBe(409);
  });

  it('answers a bot that fills the trap field as if it had signed, and keeps nothing', async () => {
    await makeOpenPetition(db(), 'trap');
    const res = await sign(browser(app), 'trap', { ...fields('bot@example.org'), website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your email');
    expect(await db().select().from(supporters).where(eq(supporters.email, 'bot@example.org'))).toHaveLength(0);
  });

  it('refuses blocked email domains politely and holds an address to the staff’s rates', async () => {
    await makeOpenPetition(db(), 'abuse');
    await db().insert(signingBlocks).values({ kind: 'email-domain', value: 'spam.example' });
    // A fresh app reads blocks and limits now; a running one within five seconds.
    const fresh = createTestApp(database()).app;
    const blocked = await sign(browser(fresh), 'abuse', fields('someone@SPAM.example'));
    expect(blocked.status).toBe(403);
    const html = await blocked.text();
    expect(html).toContain('We cannot accept signatures from this connection or email address');
    expect(html).toContain('value="someone@SPAM.example"');

    await db()
      .insert(signingLimits)
      .values({ id: 1, perIpBurst: 2, perIpPerHour: 2 })
      .onConflictDoUpdate({ target: signingLimits.id, set: { perIpBurst: 2, perIpPerHour: 2 } });
    const limited = createTestApp(database()).app;
    const b = browser(limited);
    const statuses: number[] = [];
    let asked = '';
    for (let i = 0; i < 3; i++) {
      const altcha = await solvedChallenge((path) => b.request(path));
      const res = await sign(b, 'abuse', { ...fields(`rate-${i}@example.org`), altcha });
      statuses.push(res.status);
      asked = await res.text();
    }
    // Past the staff's rate, a person is asked a question rather than told to wait; answered, the signature goes.
    expect(statuses).toEqual([200, 200, 400]);
    expect(asked).toContain('Many forms have come from this connection');
    expect((await sign(b, 'abuse', { ...fields('rate-2@example.org'), ...answerTo(asked) })).status).toBe(200);
    await db().delete(signingLimits);
  });

  it('shows a closed petition without its form and refuses signatures; a draft is not public', async () => {
    await makeOpenPetition(db(), 'closed', { status: 'closed' });
    await makeOpenPetition(db(), 'draft', { status: 'draft' });
    const page = await (await app.request('/petitions/closed', { headers: { cookie: 'lang=en' } })).text();
    expect(page).toContain('This petition is closed');
    expect(page).not.toContain('action="/petitions/closed/sign"');
    expect((await sign(browser(app), 'closed', fields('late@example.org'))).status).toBe(409);
    expect((await app.request('/petitions/draft', { headers: { cookie: 'lang=en' } })).status).toBe(404);
    expect((await sign(browser(app), 'draft', fields('early@example.org'))).status).toBe(404);
  });

  it('leads the home page’s call to action to the demo petition, in both languages', async () => {
    await seedDemoContent(db());
    await seedDemoPetition(db());
    expect((await seedDemoPetition(db())).seeded).toBe(false);
    const home = await (await app.request('/', { headers: { cookie: 'lang=en' } })).text();
    expect(home).toContain(`href="/petitions/${DEMO_PETITION_SLUG}"`);
    const inicio = await (await app.request('/es', { headers: { cookie: 'lang=es' } })).text();
    expect(inicio).toContain(`href="/es/petitions/${DEMO_PETITION_SLUG}"`);
    const demo = await (
      await app.request(`/es/petitions/${DEMO_PETITION_SLUG}`, { headers: { cookie: 'lang=es' } })
    ).text();
    expect(demo).toContain('de 10.000 firmas verificadas');
    // The statement comes from seed-text/<slug>.es.md, read when the seed is loaded.
    expect(demo).toContain('Con demasiada frecuencia, nuestro sistema de seguridad pública responde al daño');
  });
});
