import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EmailWorker, MailboxTransport, type RenderEmail } from '../src/features/email/service.ts';
import { stories } from '../src/features/stories/schema.ts';
import { FileKeyRing, StoryVault } from '../src/features/stories/service.ts';
import { openStory } from '../src/features/stories/story-records.ts';
import { insertTestStory } from '../src/features/stories/test-support.ts';
import { createLogger } from '../src/platform/logger.ts';
import { describeEachDatabase } from './support/databases.ts';
import { findPlaintext } from './support/plaintext-scan.ts';

const folder = mkdtempSync(join(tmpdir(), 'groundswell-at-rest-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** As a story's confirmation is rendered: it names neither the story nor its teller. */
const render: RenderEmail = async (row) => ({
  from: 'PSJ <stories@psj.example>',
  subject: 'We received your story',
  text: `Thank you for trusting us. To delete it: ${String(row.data.deleteUrl)}`,
  html: `<p>Thank you for trusting us. <a href="${String(row.data.deleteUrl)}">Delete it</a></p>`,
  headers: {},
});

// Must show 2 of issue 17: the database, read directly, holds no story and no teller in the clear.
describeEachDatabase('stories at rest', (database, kind) => {
  const db = () => database().db;
  const keyFile = join(folder, `${kind}-stories-keys.json`);

  it('keeps no story text or contact detail in the clear, in any table, even after the mail went', async () => {
    const deps = { db: db(), vault: new StoryVault(new FileKeyRing(keyFile)) };
    const tellers = [
      {
        original: 'My brother Teodoro was held at Snake River for nine winters; the guard Pellingham laughed.',
        teller: { name: 'Xochitl Abernathy', email: 'xochitl.abernathy@example.org', phone: '(541) 555-0142' },
        locale: 'en' as const,
      },
      {
        original: 'Mi hija Guadalupe volvió a casa de Coffee Creek y nadie la esperaba en Tillamook.',
        teller: { name: 'Evangelina Ocampo', email: 'eva.ocampo@example.net', phone: '+1 503 555 0177' },
        locale: 'es' as const,
        redacted: 'Mi hija volvió a casa y nadie la esperaba.',
        title: 'Nadie la esperaba en Tillamook',
      },
    ];
    for (const story of tellers) await insertTestStory(deps, story);
    const worker = new EmailWorker({
      db: db(),
      transport: new MailboxTransport(db()),
      render,
      logger: createLogger({ level: 'silent', pretty: false }),
      messagesPerSecond: 1000,
    });
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(2);

    const needles = [
      'Teodoro',
      'Snake River',
      'Pellingham',
      'Xochitl',
      'Abernathy',
      'xochitl.abernathy@example.org',
      '555-0142',
      '541) 555',
      'Guadalupe',
      'Coffee Creek',
      'Tillamook',
      'Evangelina',
      'Ocampo',
      'eva.ocampo@example.net',
      '503 555 0177',
      'nadie la esperaba',
    ];
    expect(await findPlaintext(db(), needles)).toEqual([]);
    // The scan does see what is in the clear: the message's own words, kept in the demo mailbox.
    expect(await findPlaintext(db(), ['Thank you for trusting us'])).toEqual([
      'email_mailbox.text',
      'email_mailbox.html',
    ]);

    // The key file opens them; without it, the database alone opens nothing.
    const rows = await db().select().from(stories);
    expect(rows.map((r) => openStory(deps.vault, r).teller.name).sort()).toEqual([
      'Evangelina Ocampo',
      'Xochitl Abernathy',
    ]);
    const withoutTheFile = new StoryVault(new FileKeyRing(join(folder, `${kind}-absent`, 'stories-keys.json')));
    for (const row of rows) {
      expect(() => openStory(withoutTheFile, row)).toThrow();
      for (const sealed of [row.originalSealed, row.tellerSealed])
        expect(() => withoutTheFile.open(sealed)).toThrow(/Unsupported state or unable to authenticate data/);
    }
  });
});
