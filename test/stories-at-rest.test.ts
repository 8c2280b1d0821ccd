import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EmailWorker, MailboxTransport, templateRenderer } from '../src/features/email/service.ts';
import { stories } from '../src/features/stories/schema.ts';
import {
  FileKeyRing,
  publishStory,
  saveStoryEdit,
  StoryVault,
  storyTemplates,
  submitStory,
} from '../src/features/stories/service.ts';
import { openStory } from '../src/features/stories/story-records.ts';
import { createLogger } from '../src/platform/logger.ts';
import { describeEachDatabase } from './support/databases.ts';
import { findPlaintext } from './support/plaintext-scan.ts';

const folder = mkdtempSync(join(tmpdir(), 'groundswell-at-rest-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The site's own story emails, as the email runtime renders them. */
const render = templateRenderer({
  sender: async () => ({
    name: 'PSJ',
    address: 'stories@psj.example',
    postalAddress: '',
    publicUrl: 'https://psj.example',
  }),
  templates: storyTemplates(),
  listLinks: () => {
    throw new Error('a story email is never bulk');
  },
});
const staff = { staffId: null, email: 'moderator@psj.example', ip: '127.0.0.1' };

// Must show 2 of issue 17: the database, read directly, holds no story and no teller in the clear.
describeEachDatabase('stories at rest', (database, kind) => {
  const db = () => database().db;
  const keyFile = join(folder, `${kind}-stories-keys.json`);

  it('keeps no story text or contact detail in the clear, in any table, even after the mail went', async () => {
    const deps = { db: db(), vault: new StoryVault(new FileKeyRing(keyFile)) };
    // Through the same service the form's route calls once the form is checked, and a moderator's edit and publish.
    const consent = { publishConsent: 'anonymous' as const, testimonyConsent: true, contactBeforePublishing: false };
    const about = { county: 'Marion', kinds: ['family' as const], topics: ['coming-home' as const] };
    await submitStory(
      { ...deps, publicUrl: 'https://psj.example' },
      {
        story: 'My brother Teodoro was held at Snake River for nine winters; the guard Pellingham laughed.',
        name: 'Xochitl Abernathy',
        email: 'xochitl.abernathy@example.org',
        phone: '(541) 555-0142',
        contentNotes: 'mentions Pellingham',
        ...about,
        ...consent,
      },
      'en',
    );
    const second = await submitStory(
      { ...deps, publicUrl: 'https://psj.example' },
      {
        story: 'Mi hija Guadalupe volvió a casa de Coffee Creek y nadie la esperaba en Tillamook.',
        name: 'Evangelina Ocampo',
        email: 'eva.ocampo@example.net',
        phone: '+1 503 555 0177',
        contentNotes: '',
        ...about,
        ...consent,
      },
      'es',
    );
    const edit = { title: 'Nadie la esperaba en Tillamook', text: 'Mi hija volvió a casa y nadie la esperaba.' };
    expect((await saveStoryEdit(deps, second.id, { ...edit, contentNotes: '', topics: [] }, staff)).ok).toBe(true);
    expect((await publishStory(deps, second.id, 'anonymous', staff)).ok).toBe(true);
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
