import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { findPlaintext } from '../../../test/support/plaintext-scan.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { createLogger } from '../../platform/logger.ts';
import { auditLog } from '../audit/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { emailMailbox, emailOutbox } from '../email/schema.ts';
import { EmailWorker, MailboxTransport, type RenderEmail } from '../email/service.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { deleteStoriesForEmail, deleteStory, deleteStoryByToken, storiesForEmail } from './erasure.ts';
import { stories } from './schema.ts';
import { insertTestStory } from './test-support.ts';

const logger = createLogger({ level: 'silent', pretty: false });
/** As a story's confirmation is rendered: the deletion link, never the story or the teller's name. */
const render: RenderEmail = async (row) => ({
  from: 'PSJ <stories@psj.example>',
  subject: 'We received your story',
  text: `Thank you. To delete it: ${String(row.data.deleteUrl)}`,
  html: `<p>Thank you. <a href="${String(row.data.deleteUrl)}">Delete it</a></p>`,
  headers: {},
});
const staff = { staffId: null, email: 'moderator@psj.example', ip: '127.0.0.1' };

describeEachDatabase('deleting a story', (database) => {
  const db = () => database().db;
  const deps = () => ({ db: db(), vault: new StoryVault(new MemoryKeyRing()) });

  it('leaves no trace of it in any table, sealed or not, but the audit entry that it was deleted', async () => {
    const d = deps();
    const needles = [
      'Quetzalcoatl Boulevard shooting',
      'Marisol Quintanilla-Reyes',
      'marisol.qr@example.org',
      '+1 520 555 0199',
      'Cochise',
      'the officer Brandtner',
      'Una noche en Quetzalcoatl',
    ];
    const story = await insertTestStory(d, {
      original: 'It was the Quetzalcoatl Boulevard shooting; the officer Brandtner never answered for it.',
      teller: { name: 'Marisol Quintanilla-Reyes', email: 'Marisol.QR@example.org', phone: '+1 520 555 0199' },
      redacted: 'It was a shooting on a boulevard; an officer never answered for it (Quetzalcoatl redacted).',
      title: 'After the Quetzalcoatl Boulevard shooting',
      contentNotes: 'Mentions the officer Brandtner',
      translation: { title: 'Una noche en Quetzalcoatl', text: 'Fue el tiroteo en Cochise.' },
    });
    // Two of staff's reads, recorded as the moderation screens record them.
    for (let i = 0; i < 2; i++)
      await recordAudit(db(), staff, {
        action: 'story.read',
        subjectType: 'story',
        subjectId: story.id,
        subjectLabel: story.publicId,
      });
    // The confirmation goes out through the demo mailbox.
    const worker = new EmailWorker({
      db: db(),
      transport: new MailboxTransport(db()),
      render,
      logger,
      messagesPerSecond: 1000,
    });
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
    const keyed = sql`starts_with(${emailOutbox.idempotencyKey}, ${`story:${story.publicId}:`})`;
    const [sent] = await db().select().from(emailOutbox).where(keyed);
    expect(sent).toMatchObject({ status: 'sent', toAddress: 'erased@erased.invalid', data: {} });
    // Before: the scan does find the sealed values and the token, so finding none after means something.
    expect(await findPlaintext(db(), [story.sealed[0]!])).toEqual(['stories.original_sealed']);
    expect(await findPlaintext(db(), [story.token])).toEqual(['email_mailbox.text', 'email_mailbox.html']);
    expect(await findPlaintext(db(), needles)).toEqual([]);
    expect((await storiesForEmail(d, ' marisol.qr@EXAMPLE.org ')).map((s) => s.teller.name)).toEqual([
      'Marisol Quintanilla-Reyes',
    ]);

    expect(await deleteStoryByToken(d, story.token)).toBe(true);

    // (a) the row is gone; (b) no message or mailbox copy about it
    expect(await db().select().from(stories).where(eq(stories.id, story.id))).toEqual([]);
    expect(await db().select().from(emailOutbox).where(keyed)).toEqual([]);
    expect(await db().select().from(emailMailbox).where(eq(emailMailbox.outboxId, sent!.id))).toEqual([]);
    // (c) none of its words, names or contact details anywhere, nor its link; (d) nor any of its sealed values
    expect(await findPlaintext(db(), [...needles, story.token, ...story.sealed])).toEqual([]);
    // (e) its public id is left only in the audit log: its reads, and the one entry that it was deleted
    expect(await findPlaintext(db(), [story.publicId])).toEqual(['audit_log.summary']);
    const entries = await rowsOf<{ action: string; summary: { subject?: string } }>(
      db(),
      sql`select action, summary from ${auditLog} where summary::text like ${`%${story.publicId}%`} order by id`,
    );
    expect(entries.map((e) => e.action)).toEqual(['story.read', 'story.read', 'story.delete']);
    expect(entries.every((e) => e.summary.subject === story.publicId)).toBe(true);
    expect(await deleteStoryByToken(d, story.token)).toBe(false);
  });

  it("finds and deletes a teller's stories by their email, and each deletion takes its own mail", async () => {
    const d = deps();
    const mine = [
      await insertTestStory(d, { teller: { email: 'several@example.org' } }),
      await insertTestStory(d, { teller: { email: 'Several@Example.org' } }),
    ];
    const other = await insertTestStory(d, { teller: { email: 'someone-else@example.org' } });
    expect((await storiesForEmail(d, 'several@example.org')).map((s) => s.publicId).sort()).toEqual(
      mine.map((s) => s.publicId).sort(),
    );
    expect(await storiesForEmail(d, '')).toEqual([]);
    expect(await deleteStoriesForEmail(d, 'SEVERAL@example.org', staff)).toBe(2);
    expect(await storiesForEmail(d, 'several@example.org')).toEqual([]);
    expect(await findPlaintext(db(), ['several@example.org', ...mine.flatMap((s) => s.sealed)])).toEqual([]);
    // The other teller's story and its queued confirmation stay.
    expect((await storiesForEmail(d, 'someone-else@example.org')).map((s) => s.publicId)).toEqual([other.publicId]);
    expect(await findPlaintext(db(), ['someone-else@example.org'])).toEqual(['email_outbox.to_address']);
    expect(await deleteStory(d, other.id, staff)).toBe(true);
    expect(await findPlaintext(db(), ['someone-else@example.org'])).toEqual([]);
  });
});
