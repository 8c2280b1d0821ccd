import { simpleParser } from 'mailparser';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailAddress } from '../../platform/email-address.ts';
import { composeMime, encodeHeaderText, parseMailbox } from './mime.ts';

/** The To: header's mailboxes as a mail client reads them. */
async function recipients(to: string) {
  const mail = await simpleParser(
    composeMime({
      from: 'news@psj.example',
      to,
      subject: 's',
      messageId: '<m@psj.example>',
      text: 't',
      html: '<p></p>',
    }),
  );
  const field = mail.to;
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((f) => f.value);
}

describe('MIME composition', () => {
  it('makes a message a mail parser reads back exactly, in any language', async () => {
    const raw = composeMime({
      from: '"Partnership for Safety & Justice" <news@psj.example>',
      to: 'Lucía <lucia@example.org>',
      subject: 'Se acerca el Día de Incidencia, Lucía: ¡acompáñanos en el Capitolio de Oregón este año!',
      messageId: '<abc123@psj.example>',
      text: 'Hola, Lucía:\n\nVamos a Salem.',
      html: '<p>Hola, Lucía</p>',
      headers: {
        'List-Unsubscribe': '<https://psj.example/unsubscribe/1.x>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      date: new Date('2026-11-27T10:00:00Z'),
    });
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(/[^\x00-\x7f]/.test(raw)).toBe(false);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(
      'Se acerca el Día de Incidencia, Lucía: ¡acompáñanos en el Capitolio de Oregón este año!',
    );
    expect(mail.to && 'value' in mail.to ? mail.to.value[0] : undefined).toEqual({
      name: 'Lucía',
      address: 'lucia@example.org',
    });
    expect(mail.from?.value[0]).toEqual({ name: 'Partnership for Safety & Justice', address: 'news@psj.example' });
    expect(mail.messageId).toBe('<abc123@psj.example>');
    expect(mail.text).toBe('Hola, Lucía:\n\nVamos a Salem.');
    expect(mail.html).toBe('<p>Hola, Lucía</p>');
    expect(mail.date?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
  });

  it('round-trips any subject and name, and no header can be split into two', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        async (subject, name) => {
          const raw = composeMime({
            from: `"${name.replace(/["\\]/g, '')}" <a@psj.example>`,
            to: 'b@example.org',
            subject,
            messageId: '<x@psj.example>',
            text: subject,
            html: '<p></p>',
          });
          const mail = await simpleParser(raw);
          // Line breaks become spaces; everything else survives.
          expect((mail.subject ?? '').trim()).toBe(subject.replace(/[\r\n]+/g, ' ').trim());
          expect(mail.headerLines.filter((h) => h.key === 'subject')).toHaveLength(1);
          expect(mail.headerLines.filter((h) => h.key === 'to')).toHaveLength(1);
          expect((mail.text ?? '').replace(/\r\n/g, '\n').trimEnd()).toBe(subject.replace(/\r\n/g, '\n').trimEnd());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodes only what needs encoding, never splitting a character', () => {
    expect(encodeHeaderText('Plain subject')).toBe('Plain subject');
    const words = encodeHeaderText('ñ'.repeat(60)).split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).toMatch(/^ñ+$/);
    }
    expect(parseMailbox('"A \\"B\\"" <a@b.org>')).toEqual({ name: 'A "B"', address: 'a@b.org' });
    expect(parseMailbox('a@b.org')).toEqual({ name: '', address: 'a@b.org' });
  });

  it('refuses at sign-up, and never writes into To:, an address a mail client reads as several mailboxes', async () => {
    for (const hostile of [
      'victim@example.org,attacker@evil.example',
      'a,b@example.org',
      'a<b@example.org',
      'a>b@example.org',
      'a;b@example.org',
      'a:b@example.org',
      'a(b)@example.org',
      'a b@example.org',
      '"a"@example.org',
      'a@b@example.org',
    ]) {
      expect(emailAddress().safeParse(hostile).success, hostile).toBe(false);
      expect(
        () =>
          composeMime({
            from: 'news@psj.example',
            to: `"Ana" <${hostile}>`,
            subject: 's',
            messageId: '<m@psj.example>',
            text: 't',
            html: '',
          }),
        hostile,
      ).toThrow();
    }
    for (const fine of ['lucía@example.org', "o'neil+news@example.org", 'first.last@sub.example.org'])
      expect(emailAddress().safeParse(fine).success, fine).toBe(true);
  });

  it('gives every address sign-up accepts one recipient, its display name quoted whatever it holds', async () => {
    // Well-formed addresses, and addresses with the characters that split or hide a mailbox dropped in.
    const noisy = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'ab.+-_,;<>:"()[] \\@ñ\'!#'.split('')), minLength: 1, maxLength: 6 }),
        fc.emailAddress(),
        fc.nat(),
      )
      .map(([noise, email, at]) => email.slice(0, at % email.length) + noise + email.slice(at % email.length));
    const typed = fc.oneof(fc.emailAddress(), noisy);
    const name = fc.string({ unit: fc.constantFrom(...'Ana ,;<>:"()\\@ñé\''.split('')), maxLength: 16 });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(typed, name, async (value, n) => {
        const parsed = emailAddress().safeParse(value);
        if (!parsed.success) return;
        accepted += 1;
        const address = parsed.data;
        const quoted = `"${n.replace(/["\\]/g, '\\$&')}" <${address}>`;
        const read = await recipients(quoted);
        expect(read).toHaveLength(1);
        expect(read[0]!.address).toBe(address);
        expect(read[0]!.name).toBe(n.trim());
        expect(await recipients(address)).toEqual([{ address, name: '' }]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('sends a file after both parts, which a mail parser reads back whole', async () => {
    const calendar = 'BEGIN:VCALENDAR\r\nSUMMARY:Día de Incidencia\r\nEND:VCALENDAR\r\n';
    const raw = composeMime({
      from: 'events@psj.example',
      to: 'ana@example.org',
      subject: 'Te esperamos',
      messageId: '<ics@psj.example>',
      text: 'Hola',
      html: '<p>Hola</p>',
      attachments: [
        { filename: 'día de incidencia.ics', contentType: 'text/calendar; method=PUBLISH', content: calendar },
      ],
    });
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const mail = await simpleParser(raw);
    expect(mail.text?.trim()).toBe('Hola');
    expect(mail.html).toBe('<p>Hola</p>');
    expect(mail.attachments).toHaveLength(1);
    const [file] = mail.attachments;
    expect(file!.filename).toBe('d-a-de-incidencia.ics');
    expect(file!.contentType).toBe('text/calendar');
    expect(file!.content.toString('utf8')).toBe(calendar);
    // A media type with a line break in it is refused, not written into a header.
    expect(() =>
      composeMime({
        from: 'events@psj.example',
        to: 'ana@example.org',
        subject: 's',
        messageId: '<x@psj.example>',
        text: '',
        html: '',
        attachments: [{ filename: 'a.ics', contentType: 'text/calendar\r\nBcc: x@evil.example', content: '' }],
      }),
    ).toThrow();
  });
});
