import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { importFromCli, supporterImportRequest } from './import-cli.ts';
import { guessMapping } from './import-columns.ts';
import { readHeader } from './import-file.ts';
import {
  claimPass,
  getImport,
  importState,
  recordUpload,
  rejectionsOf,
  runPass,
  saveMapping,
  STALLED_AFTER_MS,
} from './import-job.ts';
import { supporterImports } from './import-schema.ts';
import { consents, subscriptions, supporters, supporterTags } from './schema.ts';

const folder = mkdtempSync(join(tmpdir(), 'supporter-import-test-'));
const header = 'first_name,last_name,email,zip_code,can2_phone,language,can2_subscription_status,can2_user_tags';
// One kind of row each: what the dry run must say about it is beside it.
const lines = [
  header,
  'Rosa,Martinez,Rosa.Martinez@example.org,97201,503-555-0143,es,subscribed,"Volunteer, Board Member"', // 2 new, consent
  'Bad,Address,not-an-address,,,,subscribed,', // 3 bad email
  'Rosa,Again,rosa.martinez@EXAMPLE.org,,,,,', // 4 repeat of row 2
  `${'N'.repeat(101)},Long,long@example.org,,,,,`, // 5 too long
  'Bell,Ring\u0007,bell@example.org,,,,,', // 6 control character
  'Short,Row,short@example.org', // 7 too few cells
  'Ana,Lopez,ana@example.org,97301,,,subscribed,volunteer', // 8 on record: fill family name; unsubscribed before: no consent
  'Tom,Reyes,tom@example.org,,,,unsubscribed,', // 9 new, no consent
  'No,Email,,,,,subscribed,', // 10 missing email
  'Zed,Zip,zed@example.org,ABCDE,,,,', // 11 bad ZIP
  'Kim,Park,kim@example.org,,,,,', // 12 on record, nothing to change
];
const file = join(folder, 'people.csv');
writeFileSync(file, `${lines.join('\r\n')}\r\n`);

describe('an Action Network people export maps itself', () => {
  it('guesses every column from its header', async () => {
    expect(guessMapping(await readHeader(file))).toEqual([
      'givenName',
      'familyName',
      'email',
      'zip',
      'phone',
      'language',
      'subscribed',
      'tags',
    ]);
    expect(guessMapping(['Email Subscription Status', 'Phone Number', 'uuid', 'can2_user_city'])).toEqual([
      'subscribed',
      'phone',
      'ignore',
      'ignore',
    ]);
  });
});

describeEachDatabase('supporter CSV import', (database) => {
  const db = () => database().db;
  let anaId: number;

  beforeAll(async () => {
    const [ana, kim] = await db()
      .insert(supporters)
      .values([
        { email: 'ana@example.org', emailAsTyped: 'ana@example.org', givenName: 'Ana', familyName: '' },
        { email: 'kim@example.org', emailAsTyped: 'kim@example.org', givenName: 'Kim', familyName: 'Park' },
      ])
      .returning({ id: supporters.id });
    anaId = ana!.id;
    // Ana unsubscribed here: whatever the file says, she stays unsubscribed.
    await db().insert(subscriptions).values({ supporterId: anaId, topic: 'newsletter', status: 'unsubscribed' });
    await db()
      .insert(consents)
      .values({ supporterId: anaId, topic: 'newsletter', granted: 'no', wordingVersion: 'prefs', method: 'web-form' });
    expect(kim).toBeDefined();
  });

  const upload = async (options: { updateExisting?: boolean } = {}) => {
    const columns = await readHeader(file);
    return recordUpload(
      db(),
      { storedFile: file, sizeBytes: 1, columns, fields: guessMapping(columns), ...options },
      null,
    );
  };
  const pass = async (id: number, kind: 'check' | 'import') => {
    const claimed = await claimPass(db(), id, kind, null);
    expect(claimed, `${kind} claimed`).toBeDefined();
    return runPass(db(), claimed!, kind, { folder: undefined }, (error) => {
      throw error;
    });
  };
  const personBy = async (email: string) =>
    (await db().select().from(supporters).where(eq(supporters.email, email)))[0];

  it('dry run: counts and a reason for every refused row, and nothing written', async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(supporters);
    const job = await upload();
    const checked = await pass(job.id, 'check');
    expect(checked.status).toBe('checked');
    expect(checked.totalRows).toBe(11);
    expect(checked.dryRun).toEqual({ create: 2, update: 1, unchanged: 1, rejected: 7, consents: 1 });
    const refused = await rejectionsOf(db(), job.id, 1, 50);
    expect(refused.rows).toEqual([
      { rowNumber: 3, reason: 'The email address is not an address like name@example.org' },
      { rowNumber: 4, reason: 'The same email address is on row 2' },
      { rowNumber: 5, reason: 'First name is longer than 100 characters' },
      { rowNumber: 6, reason: 'Last name holds control characters' },
      { rowNumber: 7, reason: 'It has 3 cells where the header has 8' },
      { rowNumber: 10, reason: 'The email address is missing' },
      { rowNumber: 11, reason: 'The ZIP code is not a 5-digit ZIP code' },
    ]);
    // Paginated: the second page of three starts where the first ended.
    expect((await rejectionsOf(db(), job.id, 2, 3)).rows.map((r) => r.rowNumber)).toEqual([6, 7, 10]);
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(supporters);
    expect(after).toEqual(before);
  });

  it('imports as the dry run said: consent only where the file gives it, details filled, tags added', async () => {
    const job = await upload();
    await pass(job.id, 'check');
    const done = await pass(job.id, 'import');
    expect(done.status).toBe('imported');
    expect(done.outcome).toEqual(done.dryRun);

    const rosa = (await personBy('rosa.martinez@example.org'))!;
    expect(rosa).toMatchObject({
      givenName: 'Rosa',
      familyName: 'Martinez',
      zip: '97201',
      locale: 'es',
      phone: '503-555-0143',
    });
    const rosaConsents = await db().select().from(consents).where(eq(consents.supporterId, rosa.id));
    expect(rosaConsents).toEqual([
      expect.objectContaining({
        topic: 'newsletter',
        granted: 'yes',
        method: 'import',
        wordingVersion: `import-${job.id}`,
      }),
    ]);
    const rosaTags = await db()
      .select({ tag: supporterTags.tag })
      .from(supporterTags)
      .where(eq(supporterTags.supporterId, rosa.id));
    expect(rosaTags.map((t) => t.tag).sort()).toEqual(['board-member', 'volunteer']);

    // Unsubscribed in the file: on the list, with no subscription and no consent.
    const tom = (await personBy('tom@example.org'))!;
    expect(await db().select().from(consents).where(eq(consents.supporterId, tom.id))).toEqual([]);
    expect(await db().select().from(subscriptions).where(eq(subscriptions.supporterId, tom.id))).toEqual([]);

    // On record: the empty family name filled, the first name kept, still unsubscribed, no new consent.
    const ana = (await personBy('ana@example.org'))!;
    expect(ana).toMatchObject({ givenName: 'Ana', familyName: 'Lopez', zip: '97301' });
    const [anaSub] = await db().select().from(subscriptions).where(eq(subscriptions.supporterId, anaId));
    expect(anaSub!.status).toBe('unsubscribed');
    expect((await db().select().from(consents).where(eq(consents.supporterId, anaId))).map((c) => c.granted)).toEqual([
      'no',
    ]);

    for (const refused of [
      'not-an-address',
      'long@example.org',
      'bell@example.org',
      'short@example.org',
      'zed@example.org',
    ])
      expect(await personBy(refused), refused).toBeUndefined();
  });

  it('a rerun changes nobody and records no consent twice', async () => {
    const consentsBefore = await db().select({ n: sql<number>`count(*)::int` }).from(consents);
    const people = await db().select().from(supporters).orderBy(supporters.id);
    const job = await upload();
    const done = await pass(job.id, 'import');
    expect(done.outcome).toEqual({ create: 0, update: 0, unchanged: 4, rejected: 7, consents: 0 });
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(consents)).toEqual(consentsBefore);
    const after = await db().select().from(supporters).orderBy(supporters.id);
    expect(after.map((p) => ({ ...p, updatedAt: 0 }))).toEqual(people.map((p) => ({ ...p, updatedAt: 0 })));
  });

  it('replaces details on record only when staff chose to update', async () => {
    await db()
      .update(supporters)
      .set({ givenName: 'Kimberly', familyName: 'Park' })
      .where(eq(supporters.email, 'kim@example.org'));
    const keep = await upload();
    await pass(keep.id, 'import');
    expect((await personBy('kim@example.org'))!.givenName).toBe('Kimberly');
    const update = await upload({ updateExisting: true });
    const done = await pass(update.id, 'import');
    expect(done.outcome?.update).toBe(1);
    expect((await personBy('kim@example.org'))!.givenName).toBe('Kim');
  });

  it('an import whose process stopped reads as interrupted, and may be run again', async () => {
    const job = await upload();
    await claimPass(db(), job.id, 'import', null);
    const stalled = new Date(Date.now() - STALLED_AFTER_MS - 1000);
    await db()
      .update(supporterImports)
      .set({ updatedAt: stalled, rowsDone: 500 })
      .where(eq(supporterImports.id, job.id));
    const row = (await getImport(db(), job.id))!;
    expect(row.status).toBe('importing');
    expect(importState(row)).toBe('interrupted');
    const again = await pass(job.id, 'import');
    expect(again.status).toBe('imported');
    // Two clicks start one pass: a finished import cannot be claimed again.
    expect(await claimPass(db(), job.id, 'import', null)).toBeUndefined();
    const [imported] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(supporters)
      .where(and(eq(supporters.firstSource, 'import')));
    expect(imported!.n).toBe(2);
  });

  it('a dry run whose process stopped may be mapped and checked again', async () => {
    const job = await upload();
    await claimPass(db(), job.id, 'check', null);
    const choice = { fields: job.mapping!.fields, updateExisting: false, consentTopic: 'events' as const };
    // Still moving: its columns cannot change under it.
    expect(await saveMapping(db(), job.id, choice)).toBe(false);
    const stalled = new Date(Date.now() - STALLED_AFTER_MS - 1000);
    await db().update(supporterImports).set({ updatedAt: stalled }).where(eq(supporterImports.id, job.id));
    expect(importState((await getImport(db(), job.id))!)).toBe('interrupted');
    expect(await saveMapping(db(), job.id, choice)).toBe(true);
    const checked = await pass(job.id, 'check');
    expect(checked.status).toBe('checked');
    expect(checked.consentTopic).toBe('events');
  });

  it('the command line: flags read, a dry run reported with its refused rows, progress apart', async () => {
    expect(() => supporterImportRequest([])).toThrow('Give one CSV file');
    expect(() => supporterImportRequest([file, '--map', 'email=nonsense'])).toThrow('--map email=nonsense');
    const request = supporterImportRequest([file, '--dry-run', '--map', 'can2_user_tags=ignore']);
    expect(request).toMatchObject({ path: file, dryRun: true, map: { can2_user_tags: 'ignore' }, topic: 'newsletter' });
    const printed: string[] = [];
    const progress: string[] = [];
    await importFromCli(db(), request, { print: (l) => printed.push(l), progress: (l) => progress.push(l) });
    expect(progress[0]).toContain('can2_user_tags → ignore');
    expect(printed[0]).toMatch(/^Import \d+ \(dry run: nothing changed\): 11 rows\. 0 would be added/);
    expect(printed).toContain('  row 3: The email address is not an address like name@example.org');
    await expect(
      importFromCli(db(), supporterImportRequest([file, '--map', 'email=ignore']), { print() {}, progress() {} }),
    ).rejects.toThrow('Choose the column that holds email addresses');
  });

  it('a file that is not CSV fails with words staff can act on, and changes nothing', async () => {
    const broken = join(folder, 'broken.csv');
    writeFileSync(broken, 'email,first_name\r\n"unclosed@example.org,Ana\r\n');
    const columns = await readHeader(broken);
    const job = await recordUpload(
      db(),
      { storedFile: broken, sizeBytes: 1, columns, fields: guessMapping(columns) },
      null,
    );
    const done = await pass(job.id, 'check');
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/could not be read as CSV/);
  });
});
