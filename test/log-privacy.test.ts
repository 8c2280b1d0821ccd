import { Writable } from 'node:stream';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmailRuntime } from '../src/email-runtime.ts';
import { emailMailbox } from '../src/features/email/schema.ts';
import { makeOpenPetition, seedTestDistricts, seedTestZips } from '../src/features/petitions/test-support.ts';
import { supporters } from '../src/features/supporters/schema.ts';
import { preferencesToken } from '../src/features/supporters/service.ts';
import { Secrets } from '../src/platform/crypto.ts';
import { createApp } from '../src/app/app.tsx';
import { createLogger } from '../src/platform/logger.ts';
import { testConfig } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';
import { browser } from './support/staff.ts';

// The people of this journey: every value is one that must never reach a log line.
const person = { givenName: 'Zephyrine', familyName: 'Quillfeather', email: 'zephyrine.q@example.org', zip: '97204' };
const signer = {
  givenName: 'Ottoline',
  familyName: 'Brackenridge',
  email: 'ottoline.b@example.org',
  zip: '97204',
  street: '1221 Sycamore Lane',
};
const blocked = { givenName: 'Marigold', familyName: 'Thistlewood', email: 'marigold.t@example.org', zip: '97301' };

describeEachDatabase('what the logs keep of a supporter journey', (database) => {
  const lines: string[] = [];
  let app: ReturnType<typeof createApp>['app'];
  let runtime: ReturnType<typeof createEmailRuntime>;
  const secrets: string[] = [];
  const db = () => database().db;

  beforeAll(async () => {
    // Everything the site writes, at every level, through the logger it is given.
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination });
    const config = testConfig({ LOG_LEVEL: 'trace' });
    app = createApp({ config, database: database(), logger }).app;
    runtime = createEmailRuntime({ config, database: database(), logger });
    await seedTestZips(db());
    await seedTestDistricts(db());
  });
  afterAll(async () => {
    await runtime.stop();
  });

  /**
   * Sends what is queued into the demo mailbox and returns the
   * messages to `to`, newest first, as the person reads them.
   */
  async function latestMailTo(to: string): Promise<string> {
    while ((await runtime.worker.runOnce()) > 0);
    const mails = await db()
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.toAddress, to))
      .orderBy(desc(emailMailbox.id));
    return mails.map((m) => m.text).join('\n');
  }
  /** The path of the first link in a message that starts with `prefix`; its token is remembered as a secret. */
  function linkIn(text: string, prefix: string): string {
    const url = new RegExp(`http://localhost:3000(${prefix}/[^\\s)>\\]]+)`).exec(text)?.[1];
    expect(url, `a ${prefix} link in the message`).toBeDefined();
    secrets.push(url!.split('/').at(-1)!);
    return url!;
  }

  it('logs no email, name, ZIP, street or token in sign-up, confirming, preferences, signing, a failure', async () => {
    // Sign up, and confirm from the emailed link.
    const b = browser(app);
    const joined = await b.post('/join', { ...person, language: 'en', 'topic-newsletter': 'on' }, { from: '/join' });
    expect(joined.status).toBe(200);
    const confirm = linkIn(await latestMailTo(person.email), '/confirm');
    expect((await b.request(confirm)).status).toBe(200);
    expect((await b.post(confirm, {}, { from: confirm })).status).toBe(200);

    // The preferences link list mail carries, a day old; then a new one asked for, and the data downloaded.
    const [row] = await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, person.email));
    const listLinkToken = preferencesToken(
      new Secrets(testConfig().secretKey),
      row!.id,
      new Date(Date.now() - 24 * 60 * 60 * 1000),
    );
    secrets.push(listLinkToken);
    const preferences = `/preferences/${listLinkToken}`;
    expect((await b.request(preferences)).status).toBe(200);
    expect(
      (await b.post(preferences, { 'topic-newsletter': 'on', language: 'es' }, { from: preferences })).status,
    ).toBe(200);
    expect((await b.post(`${preferences}/new-link`, {}, { from: preferences })).status).toBe(200);
    const fresh = linkIn(await latestMailTo(person.email), '/es/preferences');
    const file = await b.post(`${fresh}/export`, {}, { from: fresh });
    expect(await file.text()).toContain(person.email);

    // Sign a petition, and confirm from the emailed link.
    await makeOpenPetition(db(), 'logged');
    const signed = await b.request('/petitions/logged/sign', {
      method: 'POST',
      body: new URLSearchParams(signer),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(signed.status).toBe(200);
    const confirmSignature = linkIn(await latestMailTo(signer.email), '/petitions/logged/confirm');
    expect((await b.request(confirmSignature)).status).toBe(200);
    expect((await b.post(confirmSignature, {}, { from: confirmSignature })).status).toBe(200);

    // A statement that fails while a sign-up is written: the database quotes the row back.
    await db().execute(
      sql.raw(`create function refuse_supporter() returns trigger language plpgsql as $$
        begin raise exception 'refused row %', row_to_json(new); end $$`),
    );
    await db().execute(
      sql.raw(
        'create trigger refuse_supporter before insert on supporters for each row execute function refuse_supporter()',
      ),
    );
    try {
      const failed = await browser(app).post(
        '/join',
        { ...blocked, language: 'en', 'topic-events': 'on' },
        { from: '/join' },
      );
      expect(failed.status).toBe(500);
    } finally {
      await db().execute(sql.raw('drop trigger refuse_supporter on supporters'));
      await db().execute(sql.raw('drop function refuse_supporter()'));
    }

    // Paths no route answers, or that a route's rule refuses, carrying what someone typed.
    expect((await b.request(`/${person.email}`)).status).toBe(404);
    expect((await b.request(`/preferences/${person.givenName}.${person.zip}`)).status).toBe(404);
    expect((await b.request(`/es/confirm/${person.familyName}?email=${person.email}`)).status).toBeGreaterThanOrEqual(
      400,
    );

    const log = lines.join('');
    const personal = [person, signer, blocked].flatMap((p) => Object.values(p));
    for (const value of [...personal, ...personal.map((v) => encodeURIComponent(v)), ...secrets]) {
      expect(log.toLowerCase(), `the log holds ${value}`).not.toContain(value.toLowerCase());
    }
    expect(secrets).toHaveLength(4);
    // The journey was logged: a line per request, by route, and the failure by its code.
    expect(log).toContain('"route":"/es/preferences/:token/export"');
    expect(log).toContain('"route":"/petitions/:slug/confirm/:token"');
    expect(log).toMatch(/"code":"P0001".*"msg":"unhandled error"/);
  });
});
