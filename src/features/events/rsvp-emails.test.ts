import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { createLogger } from '../../platform/logger.ts';
import { EmailWorker, SmtpTransport, templateRenderer, type RenderEmail } from '../email/service.ts';
import { seedTestZips, testZips } from '../petitions/test-support.ts';
import { legislators } from '../reference/schema.ts';
import { rsvpTemplates } from './rsvp-emails.ts';
import { makeEvent, rsvpInput, testPublicUrl, testRsvpDeps } from './rsvp-test-support.ts';
import { cancelRsvp, submitRsvp, type RsvpOutcome } from './rsvp.ts';

// The emails about an RSVP as a mail client gets them: sent through a real SMTP server, parsed back,
// their calendar file read by an iCalendar parser.

const deps = testRsvpDeps();
const logger = createLogger({ level: 'silent', pretty: false });
const token = (o: RsvpOutcome) => (o.kind === 'closed' ? '' : o.manageToken);

describeEachDatabase('RSVP emails', (database) => {
  const db = () => database().db;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: SmtpTransport;
  let render: RenderEmail;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = new SmtpTransport(sink.url);
    // Composed as the email runtime composes it.
    render = templateRenderer({
      sender: async () => ({
        name: 'PSJ',
        address: 'events@psj.example',
        postalAddress: '1 Main St',
        publicUrl: testPublicUrl,
      }),
      templates: rsvpTemplates(db()),
      listLinks: () => {
        throw new Error('RSVP mail is transactional');
      },
    });
    await seedTestZips(db());
    await db()
      .insert(legislators)
      .values([
        { id: 'ocd-person/test-sen-17', name: 'Sample Senator Avery', chamber: 'upper', district: '17' },
        { id: 'ocd-person/test-rep-33', name: 'Sample Representative Blake', chamber: 'lower', district: '33' },
      ])
      .onConflictDoNothing();
  });
  afterAll(async () => {
    await transport.close();
    await sink.close();
  });

  async function deliver() {
    await new EmailWorker({ db: db(), transport, render, logger, messagesPerSecond: 1000 }).runOnce();
  }
  const mailsTo = (to: string) => sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to);
  const calendarOf = (mail: ParsedMail) => {
    const file = mail.attachments.find((a) => a.contentType === 'text/calendar');
    if (!file) return undefined;
    const comp = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
    for (const zone of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    return { file, event: new ICAL.Event(comp.getFirstSubcomponent('vevent')!) };
  };

  it('confirms in Spanish with the calendar file, web calendar links, the manage link and their legislators', async () => {
    const startsAt = new Date('2027-03-09T17:00:00Z');
    const event = await makeEvent(db(), {
      capacity: 1,
      meetsLegislators: true,
      startsAt,
      endsAt: new Date('2027-03-10T00:30:00Z'),
      title: 'Lobby Day',
      sequence: 2,
    });
    const outcome = await submitRsvp(db(), deps, event.id, rsvpInput('mail1', { zip: testZips.single.zip }), {
      locale: 'es',
    });
    await deliver();
    const [mail] = mailsTo('personmail1@example.org');
    expect(mail!.subject).toBe('Tu lugar está confirmado: Lobby Day (es)');
    expect(mail!.text).toContain('martes, 9 de marzo de 2027');
    expect(mail!.text).toContain('Sample Senator Avery (Distrito 17)');
    expect(mail!.text).toContain('Sample Representative Blake (Distrito 33)');
    expect(mail!.text).toContain(`${testPublicUrl}/es/events/rsvp/${token(outcome)}`);
    expect(mail!.html).toContain(`href="${testPublicUrl}/es/events/rsvp/${token(outcome)}"`);
    expect(mail!.text).toMatch(
      /Google Calendar: https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=Lobby\+Day\+%28es%29&dates=20270309T170000Z%2F20270310T003000Z/,
    );
    expect(mail!.html).toContain('href="https://outlook.live.com/calendar/0/deeplink/compose?');
    expect(mail!.html).toContain('href="https://calendar.yahoo.com/?v=60&#38;');

    const calendar = calendarOf(mail!)!;
    expect(calendar.file.filename).toBe(`${event.slug}.ics`);
    expect(calendar.event.uid).toBe(`event-${event.id}@psj.example`);
    expect(calendar.event.sequence).toBe(2);
    expect(calendar.event.summary).toBe('Lobby Day (es)');
    expect(calendar.event.startDate.zone?.tzid).toBe('America/Los_Angeles');
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(calendar.event.location).toBe('Oregon State Capitol, 900 Court St NE, Salem, OR 97301');
  });

  it('tells the waitlisted their number, without a calendar file; promotes and emails them when a seat frees', async () => {
    const event = await makeEvent(db(), { capacity: 1, format: 'online', joinUrl: 'https://meet.example/abc' });
    const first = await submitRsvp(db(), deps, event.id, rsvpInput('mail2'), { locale: 'en' });
    await submitRsvp(db(), deps, event.id, rsvpInput('mail3'), { locale: 'en' });
    await submitRsvp(db(), deps, event.id, rsvpInput('mail4'), { locale: 'es' });
    await deliver();
    const [seated] = mailsTo('personmail2@example.org');
    expect(seated!.text).toContain('Where: Online. Join here: https://meet.example/abc');
    expect(calendarOf(seated!)!.event.description).toContain('https://meet.example/abc');
    const [third] = mailsTo('personmail4@example.org');
    expect(third!.subject).toBe('Estás en la lista de espera, número 2: Advocacy Day (es)');
    const [second] = mailsTo('personmail3@example.org');
    expect(second!.subject).toBe("You're on the waitlist, number 1: Advocacy Day");
    // No way in and no calendar entry for someone without a place.
    expect(second!.text).not.toContain('meet.example');
    expect(second!.html).not.toContain('meet.example');
    expect(second!.attachments).toHaveLength(0);

    await cancelRsvp(db(), deps, token(first));
    await deliver();
    const [, cancelledMail] = mailsTo('personmail2@example.org');
    expect(cancelledMail!.subject).toBe('Your RSVP is cancelled: Advocacy Day');
    expect(cancelledMail!.attachments).toHaveLength(0);
    const [, promoted] = mailsTo('personmail3@example.org');
    expect(promoted!.subject).toBe('A place opened up for you: Advocacy Day');
    expect(promoted!.text).toContain('Join here: https://meet.example/abc');
    expect(calendarOf(promoted!)!.event.uid).toBe(`event-${event.id}@psj.example`);
    expect(mailsTo('personmail4@example.org')).toHaveLength(1);
  });

  it('names no legislator for an event that does not meet them, or when the ZIP gives no single district', async () => {
    const lobby = await makeEvent(db(), { meetsLegislators: true });
    const training = await makeEvent(db());
    await submitRsvp(db(), deps, lobby.id, rsvpInput('mail5', { zip: testZips.several.zip }), { locale: 'en' });
    await submitRsvp(db(), deps, training.id, rsvpInput('mail6', { zip: testZips.single.zip }), { locale: 'en' });
    await deliver();
    expect(mailsTo('personmail5@example.org')[0]!.text).not.toMatch(/senator|representative/i);
    expect(mailsTo('personmail6@example.org')[0]!.text).not.toMatch(/senator|representative/i);
  });
});
