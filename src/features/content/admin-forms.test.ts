import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { runsOn } from '../../../test/support/property-runs.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { LocalFileStore } from '../../platform/storage.ts';
import { postForm, tinyPdf } from './admin-test-support.ts';
import { seedDemoContent } from './seed/index.ts';
import { getContentVersion, policyPositions, policyStatuses, resourceTypes, VERSIONS_KEPT } from './service.ts';

/**
 * Whatever staff type (or a broken browser sends), the content forms answer
 * with a page, never a server error, and never leave half a record: a
 * refused form changes nothing, and afterwards every page has a title, every
 * policy and resource has at least one language, every stored file exists,
 * and no item has more than VERSIONS_KEPT earlier versions.
 */
const RUNS = 45;

// Plain text, any code point (NUL and lone surrogates included), empty, or just past the length limits.
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.string({ minLength: 295, maxLength: 305 }) },
);
/** Mostly a value the form accepts, sometimes anything: so runs both save and refuse. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: text });
const words = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const slug = mostly(fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,4})?$/));
const intent = fc.constantFrom(undefined, 'preview', 'save');
// A language filled in, left out, or anything at all.
const translation = (locale: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        [`${locale}.title`]: words,
        [`${locale}.summary`]: words,
        [`${locale}.bodyMd`]: fc.string({ maxLength: 200 }),
      }),
    },
    { weight: 2, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.record(
        { [`${locale}.title`]: text, [`${locale}.summary`]: text, [`${locale}.bodyMd`]: text },
        { requiredKeys: [] },
      ),
    },
  );

describeEachDatabase('content forms, whatever is typed', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  let app: ReturnType<typeof createTestApp>['app'];
  let dataDir: string;
  let editor: Browser;
  let token: string;
  const db = () => database().db;

  beforeAll(async () => {
    await seedDemoContent(db());
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-forms-'));
    app = createTestApp(database(), { DATA_DIR: dataDir, UPLOAD_MAX_MB: '1' }).app;
    editor = await signedInAs(app, database(), 'editor');
    token = await editor.csrf('/admin/account');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Sends the form and checks the answer: never 5xx, and nothing changed unless it was saved. */
  async function send(path: string, fields: Record<string, string | string[] | Blob | undefined>) {
    const sent = Object.fromEntries(
      Object.entries(fields).filter((e): e is [string, string | string[] | Blob] => e[1] !== undefined),
    );
    const before = await getContentVersion(db());
    const res = await postForm(editor, path, token, sent);
    expect(res.status, `${path} ${JSON.stringify(sent).slice(0, 300)}`).toBeLessThan(500);
    if (res.status !== 303 || sent.intent === 'preview') expect(await getContentVersion(db())).toBe(before);
    await res.arrayBuffer();
  }

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    const [row] = await rowsOf<{ n: number | string }>(db(), query);
    return Number(row?.n ?? 0);
  }

  async function expectWholeRecords() {
    expect(await count(sql`select count(*) as n from pages where btrim(title) = ''`)).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from policies p
          where not exists (select 1 from policy_translations t where t.policy_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from resources r
          where not exists (select 1 from resource_translations t where t.resource_id = r.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select coalesce(max(n), 0) as n
          from (select count(*) as n from content_versions group by item_type, item_key) v`,
      ),
    ).toBeLessThanOrEqual(VERSIONS_KEPT);
  }

  it('page edit form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/admin/content/pages/home/es/edit', '/admin/content/pages/about/en/edit'),
        fc.record(
          {
            title: mostly(words),
            description: text,
            bodyMd: text,
            'section.hero.heading': text,
            'section.hero.bodyMd': text,
            'section.impact.data.figure': text,
            'section.who-we-are.heading': text,
          },
          { requiredKeys: ['title'] },
        ),
        intent,
        (path, fields, intent) => send(path, { ...fields, intent }),
      ),
      { numRuns: runs },
    );
    await expectWholeRecords();
  });

  it('page create form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { slug, locale: mostly(fc.constantFrom('en', 'es')), title: mostly(words), description: text, bodyMd: text },
          { requiredKeys: [] },
        ),
        (fields) => send('/admin/content/pages/new', fields),
      ),
      { numRuns: runs },
    );
    await expectWholeRecords();
  });

  it('policy form, new and edit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/admin/content/policies/new', '/admin/content/policies/sample-bill-a-2025'),
        fc.record(
          {
            slug,
            billNumber: mostly(fc.string({ maxLength: 12 })),
            sessionYear: mostly(fc.integer({ min: 1985, max: 2105 }).map(String)),
            status: mostly(fc.constantFrom(...policyStatuses)),
            position: mostly(fc.constantFrom(...policyPositions)),
          },
          { requiredKeys: ['sessionYear', 'status', 'position'] },
        ),
        translation('en'),
        translation('es'),
        intent,
        (path, facts, en, es, intent) => send(path, { ...facts, ...en, ...es, intent }),
      ),
      { numRuns: runs },
    );
    await expectWholeRecords();
  });

  it('resource form, new and edit, with and without a file', async () => {
    const files = new LocalFileStore(join(dataDir, 'uploads'));
    const date = fc
      .date({ min: new Date('1880-01-01'), max: new Date('2120-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const file = fc.option(
      fc.constantFrom(new Blob([tinyPdf]), new Blob(['plain words pretending to be a PDF']), new Blob([])),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/admin/content/resources/new', '/admin/content/resources/shrink-and-invest'),
        fc.record(
          {
            slug,
            type: mostly(fc.constantFrom(...resourceTypes)),
            publishedOn: mostly(date),
            topics: fc.array(mostly(fc.constantFrom('reentry', 'sentencing', 'racial-equity')), { maxLength: 3 }),
            url: fc.oneof(fc.webUrl(), fc.constant(''), text),
            removeFile: fc.constantFrom('on', ''),
          },
          { requiredKeys: ['type', 'publishedOn'] },
        ),
        translation('en'),
        translation('es'),
        file,
        intent,
        (path, facts, en, es, file, intent) => send(path, { ...facts, ...en, ...es, file, intent }),
      ),
      { numRuns: runs },
    );
    await expectWholeRecords();
    for (const { key } of await rowsOf<{ key: string }>(
      db(),
      sql`select file_path as key from resources where file_path is not null`,
    )) {
      expect(await files.get(key), key).toBeDefined();
    }
  });
});
