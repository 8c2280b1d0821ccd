import { personalDataParts } from '../src/app/personal-data.ts';
import { MemoryKeyRing, StoryVault } from '../src/features/stories/service.ts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoContent } from '../src/features/content/seed/index.ts';
import { signatures } from '../src/features/petitions/schema.ts';
import { confirmSignature, readCount, signatureToken, writeSignatures } from '../src/features/petitions/service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from '../src/features/petitions/test-support.ts';
import { supporters } from '../src/features/supporters/schema.ts';
import { requestSignup, subscriptionsOf } from '../src/features/supporters/service.ts';
import { Secrets } from '../src/platform/crypto.ts';
import { createLogger } from '../src/platform/logger.ts';
import { PURGE_INTERVAL_MS, retention } from '../src/platform/retention.ts';
import { ANSWER_DAYS } from '../src/features/privacy/service.ts';
import { privacyPurgeSchedule, purgeExpiredPersonalData } from '../src/privacy-purge.ts';
import { personRowsParts } from '../src/app/person-rows.ts';
import { mergeSupporters } from '../src/features/supporters/merge.ts';
import { supporterMerges } from '../src/features/supporters/merge-schema.ts';
import { seedDuplicatePair } from '../src/features/supporters/merge-test-support.ts';
import { createTestApp } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const silent = createLogger({ level: 'silent', pretty: false });
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The privacy notice's statements of a period, in each language, and the setting each must show. */
const statements = {
  en: [
    [/never confirm:\s*deleted after (\d+) days/, retention.unconfirmedDays],
    [/for at most (\d+) hours, to spot floods/, retention.signingIpHours],
    [/with a petition signature:\s*deleted within (\d+) hours/, retention.signingIpHours],
    [/until you sign up or for (\d+) days/, retention.campaignCookieDays],
    [/is deleted (\d+) days after you shared it/, retention.storiesUnpublishedDays],
    [/a request you never confirm is deleted after (\d+) hours/, retention.privacyConfirmHours],
    [/is kept for (\d+) months after the last decision/, retention.privacyLogMonths],
    [/as a page to read, for (\d+) days/, retention.privacyCopyDays],
    [/joined into the other for (\d+) days/, retention.mergeUndoDays],
  ],
  es: [
    [/nunca se confirman:\s*se borran a los (\d+) días/, retention.unconfirmedDays],
    [/durante (\d+) horas como máximo/, retention.signingIpHours],
    [/con una firma:\s*se borra en un plazo de (\d+) horas/, retention.signingIpHours],
    [/hasta que te inscribas o durante (\d+) días/, retention.campaignCookieDays],
    [/se borra a los (\d+) días de compartirla/, retention.storiesUnpublishedDays],
    [/una solicitud que nunca confirmas se borra a las (\d+) horas/, retention.privacyConfirmHours],
    [/se guarda durante (\d+) meses después de la última decisión/, retention.privacyLogMonths],
    [/en una página para leer, durante (\d+) días/, retention.privacyCopyDays],
    [/unido al otro durante (\d+) días/, retention.mergeUndoDays],
  ],
} as const;

describeEachDatabase('the privacy notice says what the purge does', (database) => {
  const db = () => database().db;
  const notice: Record<'en' | 'es', string> = { en: '', es: '' };
  const html: Record<'en' | 'es', string> = { en: '', es: '' };
  /** A period the notice states, as a number read from the rendered page. */
  const stated = (locale: 'en' | 'es', n: number) => Number(statements[locale][n]![0].exec(notice[locale])![1]);

  beforeAll(async () => {
    await seedDemoContent(db());
    await seedTestZips(db());
    const { app } = createTestApp(database());
    for (const [locale, path] of [
      ['en', '/privacy'],
      ['es', '/es/privacy'],
    ] as const) {
      const res = await app.request(path, { headers: { cookie: `lang=${locale}` } });
      expect(res.status).toBe(200);
      html[locale] = await res.text();
      notice[locale] = html[locale].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    }
  });

  it('states every period from the settings the jobs use, in English and Spanish, and promises nothing unbuilt', () => {
    for (const locale of ['en', 'es'] as const) {
      for (const [pattern, setting] of statements[locale]) {
        const found = pattern.exec(notice[locale]);
        expect(found, `${locale}: ${pattern}`).not.toBeNull();
        expect(Number(found![1]), `${locale}: ${pattern}`).toBe(setting);
      }
      // Every period of keeping something that the page states is one of those above.
      const periods = notice[locale].match(/\d+ (?:hours|days|months|years|horas|días|meses|años)/g) ?? [];
      // Not periods of keeping: the time to answer a request, and the age of children.
      const others = notice[locale].match(new RegExp(`${ANSWER_DAYS} (?:days|días)|13 años`, 'g')) ?? [];
      expect(periods.length - others.length, locale).toBe(statements[locale].length);
      expect(notice[locale]).not.toMatch(/\{\{|\}\}/);
    }
    // The retention rules staff set are read from the same rows the purge runs (none are on in a new site;
    // src/features/retention/retention.test.ts switches them on and reads the notice again).
    expect(notice.en).toContain('There are no further rules for now');
    expect(notice.es).toContain('Por ahora no hay más reglas');
    // Events and letters are built: the notice names what each collects and that erasure takes them too.
    expect(notice.en).toMatch(/Event RSVPs:.*Letters to your legislators:/);
    // Each of those the copy and the erasure reach (src/app/personal-data.ts hands every part to the supporter list).
    expect(notice.en).toMatch(
      /Deleting your record deletes with it your signatures \(a petition keeps only its number of signatures\), RSVPs and letters, and any story/,
    );
    expect(notice.en).toMatch(
      /a copy of everything we hold about you \(your record, signatures, RSVPs, letters, and stories/,
    );
    expect(notice.es).toMatch(
      /se borran también tus firmas \(la petición guarda solo su número de firmas\), tus inscripciones y tus cartas, y cualquier historia/,
    );
    // …and the copy names every part the app hands over, so a new part fails here until the notice names it.
    const copy = /a copy of everything we hold about you \(([^)]*)\)/.exec(notice.en)![1]!;
    const words: Record<string, string> = {
      signatures: 'signatures',
      rsvps: 'RSVPs',
      letters: 'letters',
      stories: 'stories',
    };
    for (const part of personalDataParts(new StoryVault(new MemoryKeyRing()))) expect(copy).toContain(words[part.name]);
    expect(notice.es).toMatch(/Inscripciones a eventos:.*Cartas a tus legisladores:/);
    // Stories: what is collected, sealed with a key kept apart, who reads them, and how they are deleted.
    expect(notice.en).toMatch(/Stories you share:.*encrypted with a key kept apart from the database/);
    expect(notice.en).toMatch(/Stories you share:.*every reading is recorded.*published only as you chose/);
    expect(notice.en).toMatch(/Stories you share: you can delete yours at any time with the link/);
    expect(notice.es).toMatch(/Historias que compartes:.*cifradas con una clave.*cada lectura queda registrada/);
    // Privacy requests (issue 18): the page that takes them, the time to answer, and what Global Privacy Control means.
    expect(notice.en).toContain(`We answer within ${ANSWER_DAYS} days`);
    expect(notice.es).toContain(`Respondemos en un plazo de ${ANSWER_DAYS} días`);
    expect(html.en).toContain('href="/privacy/request"');
    expect(html.es).toContain('href="/es/privacy/request"');
    expect(notice.en).toMatch(/Global Privacy Control: if your browser sends the Global Privacy Control signal/);
    expect(notice.es).toMatch(/Global Privacy Control: si tu navegador envía la señal Global Privacy Control/);
  });

  it('shows that the Global Privacy Control signal was seen, and no cache mixes the two pages', async () => {
    const { app } = createTestApp(database());
    const seen = 'Your browser sent the Global Privacy Control signal; we honour it.';
    // Alternated, so that each is served from the page cache after the other.
    for (let round = 0; round < 2; round++) {
      const withSignal = await app.request('/privacy', { headers: { 'sec-gpc': '1', cookie: 'lang=en' } });
      const without = await app.request('/privacy', { headers: { cookie: 'lang=en' } });
      expect(await withSignal.text()).toContain(seen);
      expect(await without.text()).not.toContain(seen);
      for (const res of [withSignal, without]) expect(res.headers.get('vary')).toMatch(/Sec-GPC/);
      expect(withSignal.headers.get('etag')).not.toBe(without.headers.get('etag'));
    }
    const es = await app.request('/es/privacy', { headers: { 'sec-gpc': '1', cookie: 'lang=es' } });
    expect(await es.text()).toContain('Tu navegador envió la señal Global Privacy Control; la respetamos.');
    const form = await app.request('/privacy/request', { headers: { 'sec-gpc': '1' } });
    expect(await form.text()).toContain(seen);
  });

  it('states the keeping period of stories as it is set, whatever it is set to', async () => {
    process.env.STORIES_KEEP_UNPUBLISHED_DAYS = '400';
    try {
      const { app } = createTestApp(database());
      const page = (await (await app.request('/privacy')).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(statements.en[4]![0].exec(page)?.[1]).toBe('400');
      expect(retention.storiesUnpublishedDays).toBe(400);
    } finally {
      delete process.env.STORIES_KEEP_UNPUBLISHED_DAYS;
    }
    expect(retention.storiesUnpublishedDays).toBe(730);
  });

  it('deletes what the notice says it deletes, when it says, and keeps the rest', async () => {
    const days = stated('en', 0);
    const hours = stated('en', 2);
    const now = new Date();
    const petition = await makeOpenPetition(db(), 'notice-periods');
    const sign = (email: string, at: Date) =>
      writeSignatures(db(), [pendingSignature(petition, email, { ipHash: `hash-${email}` })], {
        secrets,
        emailDomain: 'localhost',
        now: at,
      });
    const signatureOf = async (email: string) =>
      (
        await db()
          .select({ status: signatures.status, ipHash: signatures.ipHash, nonce: signatures.tokenNonce })
          .from(signatures)
          .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
          .where(and(eq(signatures.petitionId, petition.id), eq(supporters.email, email)))
      )[0];
    const person = async (email: string) =>
      (await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email)))[0];

    // Someone who only signed, never confirmed, and the days are over: the signature and the person go.
    const longAgo = new Date(now.getTime() - days * DAY - HOUR);
    await sign('only-signed@example.org', longAgo);
    // Signing made them a supporter then too (the statement dates people by the database's clock).
    await db()
      .update(supporters)
      .set({ createdAt: longAgo, updatedAt: longAgo })
      .where(eq(supporters.email, 'only-signed@example.org'));
    // Someone who signed as long ago but confirmed: they and their counted signature stay, without the IP hash.
    await sign('confirmed@example.org', new Date(now.getTime() - days * DAY - HOUR));
    await confirmSignature(
      db(),
      signatureToken(secrets, (await signatureOf('confirmed@example.org'))!.nonce!),
      new Date(now.getTime() - days * DAY),
    );
    // Signed within the days: stays, and so does its hash while well inside the hours.
    await sign('in-time@example.org', new Date(now.getTime() - days * DAY + HOUR));
    await sign('just-now@example.org', new Date(now.getTime() - 60_000));
    // A hash that would pass its hours before the next run is cleared by this one.
    await sign('hash-nearly-due@example.org', new Date(now.getTime() - hours * HOUR + PURGE_INTERVAL_MS - 60_000));
    // A newsletter sign-up nobody confirmed, older than the days.
    await requestSignup(
      db(),
      { givenName: 'Sam', email: 'newsletter-only@example.org', topics: ['newsletter'] },
      { method: 'web-form', wordingVersion: 't', emailDomain: 'localhost' },
    );
    const later = new Date(now.getTime() + days * DAY + HOUR);
    const countBefore = await readCount(db(), petition.id);

    // Purging at `later` also puts the signatures made "now" past their days; so first check now, then later.
    const first = await purgeExpiredPersonalData(db(), silent, now);
    expect(first).toMatchObject({ unconfirmedSignatures: 1, unconfirmedPeople: 1 });
    expect(await signatureOf('only-signed@example.org')).toBeUndefined();
    expect(await person('only-signed@example.org')).toBeUndefined();
    expect(await signatureOf('confirmed@example.org')).toMatchObject({ status: 'verified', ipHash: null });
    expect(await signatureOf('in-time@example.org')).toMatchObject({ status: 'pending', ipHash: null });
    expect(await signatureOf('hash-nearly-due@example.org')).toMatchObject({ status: 'pending', ipHash: null });
    expect(await signatureOf('just-now@example.org')).toMatchObject({
      status: 'pending',
      ipHash: 'hash-just-now@example.org',
    });
    expect(await subscriptionsOf(db(), 'newsletter-only@example.org')).toEqual({ newsletter: 'pending' });
    expect(await readCount(db(), petition.id)).toBe(countBefore);

    const second = await purgeExpiredPersonalData(db(), silent, later);
    expect(second).toMatchObject({ unconfirmedSignatures: 3, unconfirmedPeople: 4 });
    expect(await person('newsletter-only@example.org')).toBeUndefined();
    expect(await person('confirmed@example.org')).toBeDefined();
    expect(await signatureOf('confirmed@example.org')).toMatchObject({ status: 'verified' });
    expect(await readCount(db(), petition.id)).toBe(1);
  });

  it('keeps a merged record for the undo as long as the notice says, and no longer', async () => {
    const days = stated(
      'en',
      statements.en.findIndex(([pattern]) => pattern.source.includes('joined into the other')),
    );
    const { kept, other } = await seedDuplicatePair(db());
    const at = new Date();
    const fields = ['email', 'givenName', 'familyName', 'phone', 'zip', 'county', 'locale', 'firstSource'] as const;
    const choices = { ...Object.fromEntries(fields.map((f) => [f, 'kept' as const])), confirm: 'on' as const };
    const actor = { staffId: null, email: 'staff@example.org', ip: '' };
    await mergeSupporters(
      db(),
      { keptId: kept.id, otherId: other.id },
      choices as Parameters<typeof mergeSupporters>[2],
      actor,
      personRowsParts,
      at,
    );
    const logger = silent;
    const held = () => db().select().from(supporterMerges).where(eq(supporterMerges.keptId, kept.id));
    await purgeExpiredPersonalData(db(), logger, new Date(at.getTime() + days * DAY - HOUR));
    expect(await held()).toHaveLength(1);
    const purged = await purgeExpiredPersonalData(db(), logger, new Date(at.getTime() + days * DAY + HOUR));
    expect(purged.mergeUndoData).toBeGreaterThanOrEqual(1);
    expect(await held()).toEqual([]);
  });

  it('runs on its schedule in the worker, and stops cleanly', async () => {
    const petition = await makeOpenPetition(db(), 'notice-schedule');
    await writeSignatures(db(), [pendingSignature(petition, 'scheduled@example.org')], {
      secrets,
      emailDomain: 'localhost',
      now: new Date(Date.now() - retention.unconfirmedDays * DAY - HOUR),
    });
    const schedule = privacyPurgeSchedule({ db: db(), logger: silent, everyMs: 20 });
    schedule.start();
    await expect
      .poll(
        async () =>
          (await db().select({ id: signatures.id }).from(signatures).where(eq(signatures.petitionId, petition.id)))
            .length,
        { timeout: 5000 },
      )
      .toBe(0);
    await schedule.stop();
  });
});
