import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedSubscribers } from '../../../test/support/email-load.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { createEmailRuntime } from '../../email-runtime.ts';
import { createLogger } from '../../platform/logger.ts';
import { createBroadcast, scheduleBroadcast, startDueBroadcasts } from '../broadcasts/service.ts';
import { makeEvent, rsvpInput, testRsvpDeps } from '../events/rsvp-test-support.ts';
import { submitRsvp } from '../events/service.ts';
import { linksIn } from './admin/views.tsx';
import { emailMailbox } from './schema.ts';

describeEachDatabase('the demo mailbox shows mail as its reader gets it', (database) => {
  const db = () => database().db;
  let admin: Browser;
  let runtime: ReturnType<typeof createEmailRuntime>;

  beforeAll(async () => {
    admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    // No SMTP_URL: the worker keeps mail in the mailbox, as the demo does.
    runtime = createEmailRuntime({
      config: testConfig(),
      database: database(),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  });
  afterAll(() => runtime.stop());

  it('shows a broadcast’s HTML part in a sandboxed frame beside its text, and its links whole', async () => {
    await seedSubscribers(db(), 1, 'mailbox-view');
    const b = await createBroadcast(
      db(),
      {
        name: 'Mailbox view',
        en: { subject: 'Our agenda', body: 'Read [our policies](/policies), **{{givenName}}**.' },
        es: { subject: '', body: '' },
        audience: { topic: 'newsletter', tag: 'mailbox-view' },
      },
      null,
    );
    await scheduleBroadcast(db(), b.id, new Date());
    await startDueBroadcasts(db(), { domain: 'psj.example' });
    while ((await runtime.worker.runOnce()) > 0);
    const [kept] = await db().select().from(emailMailbox).orderBy(desc(emailMailbox.id)).limit(1);
    expect(kept!.subject).toBe('Our agenda');
    // The text part has no Markdown left.
    expect(kept!.text).toContain('Read our policies (http://localhost:3000/policies), Person 1.');

    // Listed at the organisation's time, as every workspace screen.
    const list = await (await admin.request('/admin/mailbox')).text();
    expect(list).toMatch(/<td>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M P[SD]T<\/td>/);
    expect(list).not.toContain('(UTC)');

    const res = await admin.request(`/admin/mailbox/${kept!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-src 'self'(;|$)/);
    const page = await res.text();
    expect(page).toMatch(new RegExp(`<iframe[^>]* src="/admin/mailbox/${kept!.id}/html"[^>]* sandbox=""`));
    expect(page).toContain('Read our policies (http://localhost:3000/policies), Person 1.');
    expect(page).toContain('<a href="http://localhost:3000/policies">http://localhost:3000/policies</a>');
    expect(page).not.toContain('/policies)"');

    const frame = await admin.request(`/admin/mailbox/${kept!.id}/html`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-type')).toContain('text/html');
    expect(frame.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);
    expect(frame.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await frame.text()).toContain('Read <a href="http://localhost:3000/policies">our policies</a>');
  });

  it('keeps the files a message carried, offered for download as the reader would save them', async () => {
    const event = await makeEvent(db(), { title: 'Mailbox training' });
    await submitRsvp(db(), testRsvpDeps(), event.id, rsvpInput('mailbox'), { locale: 'en' });
    while ((await runtime.worker.runOnce()) > 0);
    const [kept] = await db().select().from(emailMailbox).orderBy(desc(emailMailbox.id)).limit(1);
    expect(kept!.subject).toBe("You're registered: Mailbox training");
    expect(kept!.attachments.map((a) => a.filename)).toEqual([`${event.slug}.ics`]);
    const page = await (await admin.request(`/admin/mailbox/${kept!.id}`)).text();
    expect(page).toContain(`<a href="/admin/mailbox/${kept!.id}/files/0" download="${event.slug}.ics">`);
    const file = await admin.request(`/admin/mailbox/${kept!.id}/files/0`);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${event.slug}.ics"`);
    expect(await file.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*SUMMARY:Mailbox training\r\n/);
    expect((await admin.request(`/admin/mailbox/${kept!.id}/files/1`)).status).toBe(404);
  });

  it('reads links from the HTML part’s anchors, or from text without the prose around them', () => {
    expect(
      linksIn({
        html: '<a href="https://psj.example/a?x=1&#38;y=2">a</a> <a href="https://psj.example/a?x=1&amp;y=2">',
        text: '',
      }),
    ).toEqual(['https://psj.example/a?x=1&y=2']);
    expect(
      linksIn({
        html: '',
        text:
          'See [our policies](https://psj.example/policies). ' +
          'Or (https://psj.example/wiki/A_(b)), https://psj.example/c.',
      }),
    ).toEqual(['https://psj.example/policies', 'https://psj.example/wiki/A_(b)', 'https://psj.example/c']);
  });
});
