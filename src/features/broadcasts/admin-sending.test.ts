import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedSubscribers } from '../../../test/support/email-load.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { emailOutbox } from '../email/schema.ts';
import { broadcastRecipients } from './schema.ts';
import { audienceCount, createBroadcast, getBroadcast, startDueBroadcasts, type BroadcastInput } from './service.ts';

const bilingual = (tag: string, preheader = 'Join us at the Capitol'): BroadcastInput => ({
  name: `Advocacy Day ${tag}`,
  en: {
    subject: 'See you in Salem, {{givenName}}',
    preheader,
    body: 'Hello **{{givenName}}**, read [the tips](/tips) and [our policies](/policies).',
  },
  es: {
    subject: 'Nos vemos en Salem, {{givenName}}',
    preheader: 'Acompáñanos en el Capitolio',
    body: 'Hola, {{givenName}}: lee [los consejos](/tips).',
  },
  audience: { topic: 'newsletter', tag },
});

describeEachDatabase('a broadcast previewed and confirmed before it goes out', (database) => {
  const db = () => database().db;
  let organizer: Browser & { email: string };

  beforeAll(async () => {
    organizer = await signedInAs(createTestApp(database()).app, database(), 'organizer');
  });

  const draft = async (tag: string, people = 3, input = bilingual(tag)) => {
    await seedSubscribers(db(), people, tag);
    return (await createBroadcast(db(), input, null)).id;
  };
  const form = (id: number) => `/admin/broadcasts/${id}`;
  const queued = async (id: number) =>
    (await db().select().from(emailOutbox).where(eq(emailOutbox.broadcastId, id))).length;

  it('previews each language as a sample reader gets it: names filled in, the layout, the text part', async () => {
    const id = await draft('preview-both');
    const res = await organizer.request(form(id));
    expect(res.status).toBe(200);
    // The page may frame this site's own documents, and only those.
    expect(res.headers.get('content-security-policy')).toMatch(/frame-src 'self'(;|$)/);
    const html = await res.text();
    const preview = html.slice(html.indexOf('id="preview-heading"'), html.indexOf('id="send-heading"'));
    expect(preview).not.toContain('{{');
    // The subject line as an inbox shows it: subject, then preheader.
    expect(preview).toContain('<strong>See you in Salem, Alex</strong><span class="inbox-preheader"> — Join us');
    expect(preview).toContain('<strong>Nos vemos en Salem, Sofía</strong>');
    expect(preview).toContain(`src="/admin/broadcasts/${id}/preview/en"`);
    expect(preview).toContain(`src="/admin/broadcasts/${id}/preview/es"`);
    expect(preview).toMatch(/<iframe[^>]* sandbox=""/);
    // The plain text, with its links written out and the list footer's sample link.
    expect(preview).toContain('Hello Alex, read the tips (http://localhost:3000/tips) and our policies');
    expect(preview).toContain('Hola, Sofía: lee los consejos (http://localhost:3000/es/tips).');
    expect(preview).toContain('http://localhost:3000/es/preferences/sample');

    for (const [locale, greeting] of [
      ['en', 'Hello <strong>Alex</strong>'],
      ['es', 'Hola, Sofía'],
    ] as const) {
      const frame = await organizer.request(`${form(id)}/preview/${locale}`);
      expect(frame.status).toBe(200);
      const csp = frame.headers.get('content-security-policy')!;
      expect(csp).toContain('sandbox');
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('script-src');
      const email = await frame.text();
      expect(email).not.toContain('{{');
      expect(email).toContain(`<html lang="${locale}"`);
      // The MJML layout the sender uses, with its list footer.
      expect(email).toContain('gs-footer');
      expect(email).toContain(greeting);
    }
  });

  it('shows no stray dash when the preheader is empty, and only English when there is no Spanish', async () => {
    const input = { ...bilingual('preview-en', ''), es: { subject: '', body: '' } };
    const id = await draft('preview-en', 1, input);
    const html = await (await organizer.request(form(id))).text();
    expect(html).toContain('<strong>See you in Salem, Alex</strong></p>');
    expect(html).not.toContain('inbox-preheader');
    expect(html).toContain('There is no Spanish version');
    expect((await organizer.request(`${form(id)}/preview/es`)).status).toBe(404);
  });

  it(
    'asks before sending: ' + 'a post without confirmed=yes shows the count and the subject and sends nothing',
    async () => {
      const id = await draft('confirm-send', 3);
      const asked = await organizer.post(`${form(id)}/schedule`, { sendAt: '' }, { from: form(id) });
      expect(asked.status).toBe(200);
      const page = await asked.text();
      expect(page).toContain('<title>Send to 3 people now?');
      expect(page).toContain('<h1>Send to 3 people now?</h1>');
      expect(page).toContain('See you in Salem, Alex');
      expect(page).toContain('name="confirmed" value="yes"');
      expect(page).toContain('Send to 3 people now</button>');
      expect((await getBroadcast(db(), id))!.status).toBe('draft');
      expect(await startDueBroadcasts(db(), { domain: 'psj.example' })).not.toContain(id);
      expect(await queued(id)).toBe(0);

      // Anything but yes only asks again.
      await organizer.post(`${form(id)}/schedule`, { sendAt: '', confirmed: 'on' }, { from: form(id) });
      expect((await getBroadcast(db(), id))!.status).toBe('draft');

      const sent = await organizer.post(`${form(id)}/schedule`, { sendAt: '', confirmed: 'yes' }, { from: form(id) });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe(`${form(id)}?notice=sending`);
      expect(await startDueBroadcasts(db(), { domain: 'psj.example' })).toContain(id);
      // Exactly the audience: one recipient and one message each.
      const audience = await audienceCount(db(), { topic: 'newsletter', tag: 'confirm-send' });
      expect(audience).toBe(3);
      expect(await queued(id)).toBe(audience);
      const [recipients] = await rowsOf<{ n: number | string }>(
        db(),
        sql`select count(*) as n from ${broadcastRecipients} where broadcast_id = ${id}`,
      );
      expect(Number(recipients!.n)).toBe(audience);
    },
  );

  it(
    'says when a scheduled send starts, carries the time on, ' + 'and refuses a time already past with the form',
    async () => {
      const id = await draft('confirm-later', 2);
      const asked = await organizer.post(`${form(id)}/schedule`, { sendAt: '2099-06-01T09:30' }, { from: form(id) });
      const page = await asked.text();
      expect(page).toMatch(/<h1>Send to 2 people on Jun 1, 2099, 9:30 AM PDT\?<\/h1>/);
      expect(page).toContain('name="sendAt" value="2099-06-01T09:30"');
      expect((await getBroadcast(db(), id))!.status).toBe('draft');
      await organizer.post(
        `${form(id)}/schedule`,
        { sendAt: '2099-06-01T09:30', confirmed: 'yes' },
        { from: form(id) },
      );
      expect((await getBroadcast(db(), id))!).toMatchObject({ status: 'scheduled' });

      const other = await draft('confirm-past', 1);
      const past = await organizer.post(
        `${form(other)}/schedule`,
        { sendAt: '2001-01-01T09:00' },
        { from: form(other) },
      );
      expect(past.status).toBe(422);
      expect(await past.text()).toContain('That time has passed');
    },
  );

  it('asks before cancelling a scheduled broadcast, and cancels only when confirmed', async () => {
    const id = await draft('confirm-cancel', 2);
    await organizer.post(`${form(id)}/schedule`, { sendAt: '2099-06-01T09:30', confirmed: 'yes' }, { from: form(id) });
    const scheduledPage = await (await organizer.request(form(id))).text();
    // Cancelling stands apart from the way back to a draft, at the end of the page.
    expect(scheduledPage.indexOf('Back to draft')).toBeLessThan(scheduledPage.indexOf('class="danger-zone"'));

    const asked = await organizer.post(`${form(id)}/cancel`, {}, { from: form(id) });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Cancel the broadcast “Advocacy Day confirm-cancel”?');
    expect(page).toContain('It was to go to 2 people on Jun 1, 2099, 9:30 AM PDT: nobody will get it.');
    expect((await getBroadcast(db(), id))!.status).toBe('scheduled');

    const done = await organizer.post(`${form(id)}/cancel`, { confirmed: 'yes' }, { from: form(id) });
    expect(done.headers.get('location')).toBe(`${form(id)}?notice=cancelled`);
    expect((await getBroadcast(db(), id))!.status).toBe('cancelled');
  });

  it('asks before stopping a broadcast that is sending, with what has gone and what would be withdrawn', async () => {
    const id = await draft('confirm-stop', 4);
    await organizer.post(`${form(id)}/schedule`, { sendAt: '', confirmed: 'yes' }, { from: form(id) });
    await startDueBroadcasts(db(), { domain: 'psj.example' });
    const asked = await (await organizer.post(`${form(id)}/cancel`, {}, { from: form(id) })).text();
    expect(asked).toContain('<h1>Stop sending “Advocacy Day confirm-stop”?</h1>');
    expect(asked).toContain('The 4 messages not yet sent are withdrawn');
    expect((await getBroadcast(db(), id))!.status).toBe('sending');
    expect(await queued(id)).toBe(4);
    await organizer.post(`${form(id)}/cancel`, { confirmed: 'yes' }, { from: form(id) });
    expect((await getBroadcast(db(), id))!.status).toBe('cancelled');
  });

  it('sends a test greeting the staff member by name, and shows a viewer a draft as a draft', async () => {
    const id = await draft('test-and-view', 1);
    await organizer.post(`${form(id)}/test`, {}, { from: form(id) });
    const tests = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, organizer.email));
    expect(tests.map((t) => [t.locale, t.data.givenName, t.data.test])).toEqual(
      expect.arrayContaining([
        ['en', 'Test', true],
        ['es', 'Test', true],
      ]),
    );
    const viewer = await signedInAs(createTestApp(database()).app, database(), 'viewer');
    const page = await (await viewer.request(form(id))).text();
    expect(page).toContain('Draft to Newsletter subscribers');
    expect(page).not.toContain('Scheduled for');
    expect(page).not.toContain('Cancel this broadcast');
  });
});
