import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { solvedChallenge } from '../../../test/support/form-challenge.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser } from '../../../test/support/staff.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { emailOutbox } from '../email/schema.ts';
import { SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR } from '../../platform/http/form-challenge.ts';
import { Secrets } from '../../platform/crypto.ts';
import { answerTo } from '../../../test/support/person-check.ts';
import { testConfig } from '../../../test/support/app.ts';
import { signingBlocks } from '../petitions/schema.ts';
import { signingIpHash } from '../petitions/abuse.ts';
import { supporters } from './schema.ts';
import { subscriptionsOf } from './service.ts';

describeEachDatabase('newsletter sign-up over HTTP', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  const join = (b: ReturnType<typeof browser>, fields: Record<string, string>, path = '/join') =>
    b.post(path, fields, { from: path });

  it('signs up in Spanish, confirms only by the POST button, and answers the same for a known address', async () => {
    const b = browser(app);
    const res = await join(
      b,
      { givenName: 'Marisol', email: 'marisol@example.org', zip: '97204', language: 'es', 'topic-newsletter': 'on' },
      '/es/join',
    );
    expect(res.status).toBe(200);
    const answer = await res.text();
    expect(answer).toContain('Revisa tu correo');
    const [queued] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'marisol@example.org'));
    expect(queued).toMatchObject({ template: 'signup-confirm', locale: 'es' });
    const token = String(queued!.data.token);

    // A mail scanner fetching the link changes nothing.
    const look = await b.request(`/es/confirm/${token}`);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain('Confirmar');
    expect(await subscriptionsOf(db(), 'marisol@example.org')).toEqual({ newsletter: 'pending' });
    const confirmed = await b.post(`/es/confirm/${token}`, {}, { from: `/es/confirm/${token}` });
    expect(confirmed.status).toBe(200);
    expect(await subscriptionsOf(db(), 'marisol@example.org')).toEqual({ newsletter: 'subscribed' });

    const again = await join(
      browser(app),
      { givenName: 'Marisol', email: 'MARISOL@example.org', language: 'es', 'topic-newsletter': 'on' },
      '/es/join',
    );
    expect(again.status).toBe(200);
    const body = await again.text();
    // Same words for a subscribed address as for a new one: nobody learns who is on the list.
    expect(body.slice(body.indexOf('<main'))).toBe(answer.slice(answer.indexOf('<main')));
  });

  it(
    'changes nothing about a person on record until the emailed link is used, ' + 'whoever typed their address',
    async () => {
      const person = async () =>
        (await db().select().from(supporters).where(eq(supporters.email, 'lena@example.org')))[0]!;
      const confirmLatest = async (b: ReturnType<typeof browser>) => {
        const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'lena@example.org'));
        const token = String(rows.filter((r) => r.template === 'signup-confirm').at(-1)!.data.token);
        expect((await b.post(`/confirm/${token}`, {}, { from: `/confirm/${token}` })).status).toBe(200);
      };
      const owner = browser(app);
      expect(
        (
          await join(owner, {
            givenName: 'Lena',
            familyName: 'Ortiz',
            email: 'lena@example.org',
            zip: '97201',
            language: 'en',
            'topic-newsletter': 'on',
          })
        ).status,
      ).toBe(200);
      await confirmLatest(owner);

      // Someone else types her address on the Spanish form with other details.
      const stranger = await join(
        browser(app),
        {
          givenName: 'Otra',
          familyName: 'Persona',
          email: 'lena@example.org',
          zip: '97301',
          language: 'es',
          'topic-events': 'on',
        },
        '/es/join',
      );
      expect(stranger.status).toBe(200);
      expect(await person()).toMatchObject({ givenName: 'Lena', familyName: 'Ortiz', zip: '97201', locale: 'en' });
      expect(await subscriptionsOf(db(), 'lena@example.org')).toEqual({ newsletter: 'subscribed', events: 'pending' });

      // Only the link in her mailbox applies what that form asked.
      await confirmLatest(owner);
      expect(await person()).toMatchObject({ givenName: 'Otra', familyName: 'Persona', zip: '97301', locale: 'es' });
      expect(await subscriptionsOf(db(), 'lena@example.org')).toEqual({
        newsletter: 'subscribed',
        events: 'subscribed',
      });
    },
  );

  it('keeps what was typed and says what is wrong next to each field, with 400', async () => {
    const res = await join(browser(app), { givenName: '', email: 'not an email', zip: '9720', language: 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('value="not an email"');
    expect(html).toContain('value="9720"');
    for (const message of [
      'Enter your first name',
      'Enter an email address like name@example.org',
      'Enter a 5-digit ZIP code',
      'Choose at least one kind of email',
    ]) {
      expect(html).toContain(message);
    }
  });

  it('gives a bot that fills the trap field the same answer and keeps nothing', async () => {
    const res = await join(browser(app), {
      givenName: 'Bot',
      email: 'bot@example.org',
      language: 'en',
      'topic-newsletter': 'on',
      website: 'http://spam.example',
    });
    expect(res.status).toBe(200);
    expect(await db().select().from(supporters).where(eq(supporters.email, 'bot@example.org'))).toHaveLength(0);
  });

  it('refuses a sign-up without a CSRF token', async () => {
    const res = await browser(app).post(
      '/join',
      { givenName: 'X', email: 'x@example.org', 'topic-newsletter': 'on' },
      { csrf: false },
    );
    expect(res.status).toBe(403);
  });

  it(
    'takes the footer form from cached pages without a token when the browser says it comes ' + 'from this site',
    async () => {
      const home = await (await app.request('/es', { headers: { cookie: 'lang=es' } })).text();
      expect(home).toContain('action="/es/join"');
      const post = (headers: Record<string, string>) =>
        app.request('/es/join', {
          method: 'POST',
          body: new URLSearchParams({
            givenName: 'Pie',
            email: 'footer@example.org',
            language: 'es',
            'topic-newsletter': 'on',
          }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
      expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
      expect((await post({})).status).toBe(403);
      expect(await subscriptionsOf(db(), 'footer@example.org')).toEqual({});
      expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await post({ origin: 'http://localhost:3000' })).status).toBe(200);
      expect(await subscriptionsOf(db(), 'footer@example.org')).toEqual({ newsletter: 'pending' });
      // Staff forms never accept the browser's word alone.
      const staff = await app.request('/admin/sign-in', {
        method: 'POST',
        body: new URLSearchParams({ email: 'a@b.example', password: 'x' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      });
      expect(staff.status).toBe(403);
    },
  );

  const nobody = (email: string) => db().select().from(supporters).where(eq(supporters.email, email));
  const fields = (email: string) => ({ givenName: 'Ana', email, language: 'en', 'topic-newsletter': 'on' });

  it(
    'accepts a solved proof-of-work once; ' +
      'a replayed or forged one gets 400 and the form back with a message by the check',
    async () => {
      const b = browser(app);
      const altcha = await solvedChallenge((path) => b.request(path));
      // A form with typing mistakes does not use the solution up.
      expect((await join(b, { ...fields('not an email'), altcha })).status).toBe(400);
      expect((await join(b, { ...fields('ana@example.org'), altcha })).status).toBe(200);
      expect(await subscriptionsOf(db(), 'ana@example.org')).toEqual({ newsletter: 'pending' });

      const replay = await join(b, { ...fields('ana-again@example.org'), altcha });
      expect(replay.status).toBe(400);
      const html = await replay.text();
      expect(html).toContain('<title>Error:');
      expect(html).toContain('id="altcha-error"');
      expect(html).toContain('<a href="#altcha">This form was already sent once.');
      expect(html).toContain('value="ana-again@example.org"');
      expect(await nobody('ana-again@example.org')).toHaveLength(0);

      const forged = Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString('base64');
      const spanish = await join(b, { ...fields('forjado@example.org'), givenName: '', altcha: forged }, '/es/join');
      expect(spanish.status).toBe(400);
      const body = await spanish.text();
      // Both problems at once, in Spanish: the field's and the check's.
      expect(body).toContain('No pudimos confirmar que una persona envió este formulario.');
      expect(body).toContain('Escribe tu nombre');
      expect(await nobody('forjado@example.org')).toHaveLength(0);
    },
  );

  it('takes 30 sign-ups from one address without JavaScript: a few at once, then each after a question', async () => {
    const b = browser(app);
    expect((await join(b, { ...fields('x'), givenName: '' })).status).toBe(400);
    for (let i = 0; i < SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i++)
      expect((await join(b, fields(`no-js-${i}@example.org`))).status).toBe(200);
    for (let i = SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i < 30; i++) {
      // The form comes back at once, everything typed kept, asking a sum: never "try again in an hour".
      const asked = await join(b, fields(`no-js-${i}@example.org`));
      expect(asked.status).toBe(400);
      const html = await asked.text();
      expect(html).toContain('<title>Error:');
      expect(html).toContain('<a href="#person-check">Many forms have come from this connection');
      expect(html).toContain(`value="no-js-${i}@example.org"`);
      expect(html).not.toContain('hour');
      expect(await nobody(`no-js-${i}@example.org`)).toHaveLength(0);
      const answered = await join(b, { ...fields(`no-js-${i}@example.org`), ...answerTo(html) });
      expect(answered.status).toBe(200);
      expect(await subscriptionsOf(db(), `no-js-${i}@example.org`)).toEqual({ newsletter: 'pending' });
    }
    // The same address with the automatic check solved is welcome, and another address has its own allowance.
    const altcha = await solvedChallenge((path) => b.request(path));
    expect((await join(b, { ...fields('with-js@example.org'), altcha })).status).toBe(200);
    expect((await join(browser(app), fields('elsewhere@example.org'))).status).toBe(200);
  });

  it('keeps out a bot that cannot answer: a wrong or reused answer, or none, keeps nothing', async () => {
    const b = browser(app);
    for (let i = 0; i < SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i++) await join(b, fields(`warm-${i}@example.org`));
    const asked = await (await join(b, fields('bot@example.org'))).text();
    const wrong = await join(b, { ...fields('bot@example.org'), ...answerTo(asked, true) }, '/es/join');
    expect(wrong.status).toBe(400);
    const again = await wrong.text();
    // Told in the page's language, with a new question.
    expect(again).toContain('Esa respuesta no es correcta.');
    expect(answerTo(again)['person-check-token']).not.toBe(answerTo(asked)['person-check-token']);
    const right = answerTo(again);
    expect((await join(b, { ...fields('person@example.org'), ...right }, '/es/join')).status).toBe(200);
    expect((await join(b, { ...fields('bot@example.org'), ...right })).status).toBe(400);
    for (let i = 0; i < 10; i++) expect((await join(b, fields('bot@example.org'))).status).toBe(400);
    // A filled trap gets the same answer as a person, and nothing is kept.
    expect((await join(b, { ...fields('bot@example.org'), ...answerTo(asked), website: 'x' })).status).toBe(200);
    expect(await nobody('bot@example.org')).toHaveLength(0);
  });

  it('applies the block lists staff keep for signing to the newsletter too', async () => {
    await db().insert(signingBlocks).values({ kind: 'email-domain', value: 'blocked.example' });
    const fresh = createTestApp(database()).app;
    const refused = await join(browser(fresh), fields('someone@BLOCKED.example'));
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('We cannot accept sign-ups from this connection or email address');
    expect(html).toContain('value="someone@BLOCKED.example"');
    expect(await nobody('someone@blocked.example')).toHaveLength(0);
    // An address staff blocked, as the proxy reports it.
    await db()
      .insert(signingBlocks)
      .values({ kind: 'ip', value: signingIpHash(new Secrets(testConfig().secretKey), '10.77.0.1') });
    const fromBlocked = (address: string) =>
      createTestApp(database()).app.request('/join', {
        method: 'POST',
        body: new URLSearchParams(fields('fine@example.org')),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'x-forwarded-for': address,
        },
      });
    expect((await fromBlocked('10.77.0.1')).status).toBe(403);
    expect(await nobody('fine@example.org')).toHaveLength(0);
    expect((await fromBlocked('10.77.0.2')).status).toBe(200);
    await db().delete(signingBlocks);
  });

  it('offers /join with the newsletter ticked and no second sign-up form in its footer', async () => {
    for (const path of ['/join', '/es/join']) {
      const html = await (await browser(app).request(path)).text();
      expect(html).toMatch(/<input type="checkbox" id="topic-newsletter" name="topic-newsletter" value="on" checked/);
      expect(html).not.toMatch(/<input type="checkbox" id="topic-(?!newsletter)[a-z-]+"[^>]* checked/);
      expect(html).not.toContain('footer-signup');
      // The sign-up form, and the header's site search (a GET form, not a second sign-up).
      expect(html.match(/<form method="post"/g)).toHaveLength(1);
    }
    // Other pages keep the footer's form.
    expect(await (await app.request('/site-map')).text()).toContain('footer-signup');
  });

  it(
    'keeps the first ?source= code in a cookie until a sign-up records it, ' + 'without changing the cached page',
    async () => {
      await seedDemoContent(db());
      const b = browser(app);
      const plain = await (await app.request('/tips')).text();
      expect(plain).toContain('<h1');
      const tagged = await b.request('/tips?source=spring-mailer');
      const cookie = tagged.headers.getSetCookie().find((line) => line.startsWith('gs_source='));
      expect(cookie).toBeDefined();
      for (const part of ['gs_source=spring-mailer;', 'Max-Age=2592000', 'Path=/', 'HttpOnly', 'SameSite=Lax'])
        expect(cookie).toContain(part);
      expect(cookie).not.toContain('Secure');
      expect(await tagged.text()).toBe(plain);
      // The first code wins; malformed ones are ignored.
      await b.request('/about?source=later-link');
      expect(b.cookies.get('gs_source')).toBe('spring-mailer');
      for (const bad of ['has space', 'x'.repeat(61), 'semi;colon', '']) {
        const res = await app.request(`/?source=${encodeURIComponent(bad)}`);
        expect(res.headers.getSetCookie().some((line) => line.startsWith('gs_source='))).toBe(false);
      }

      expect((await join(b, fields('sourced@example.org'))).status).toBe(200);
      const [person] = await nobody('sourced@example.org');
      expect(person?.firstSource).toBe('spring-mailer');
      expect(b.cookies.has('gs_source')).toBe(false);
      // The next link counts again, but a person's first source stays their first.
      await b.request('/es?source=autumn-flyer');
      expect(b.cookies.get('gs_source')).toBe('autumn-flyer');
      await join(b, fields('sourced@example.org'));
      expect((await nobody('sourced@example.org'))[0]?.firstSource).toBe('spring-mailer');

      const secure = createTestApp(database(), { PUBLIC_URL: 'https://psj.example' }).app;
      const overHttps = await secure.request('/tips?source=spring-mailer');
      expect(overHttps.headers.getSetCookie().find((line) => line.startsWith('gs_source='))).toContain('Secure');
    },
  );
});
