import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, databaseFingerprint, hostileText } from '../../../test/support/workspace-form.ts';
import { LocalFileStore } from '../../platform/storage.ts';
import { postForm } from '../content/admin-test-support.ts';
import { addImage } from './service.ts';
import { smallPng } from './test-images.ts';

const words = { altEn: 'A table', altEs: 'Una mesa', captionEn: '', captionEs: '', credit: '' };

/**
 * The media library's forms, posted hostile text in every field by an editor: never a 5xx, a refusal is the
 * form again with what was typed, and writes nothing. The upload form is also sent files that only start like
 * an image (a PNG, JPEG, GIF, WebP or AVIF signature, then anything): each is refused by the file, never a crash.
 */
describeEachDatabase('media forms, whatever is typed or sent', (database, kind) => {
  let editor: Browser;
  let dataDir: string;
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-media-forms-'));
    app = createTestApp(database(), { DATA_DIR: dataDir }).app;
    editor = await signedInAs(app, database(), 'editor');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('edits an image’s words', async () => {
    const files = new LocalFileStore(join(dataDir, 'uploads'));
    const { id } = await addImage(database().db, files, await smallPng(), words, null);
    await checkWorkspaceForm(editor, database(), { screen: `/admin/media/${id}`, action: `/admin/media/${id}` });
  }, 120_000);

  it('refuses an upload without a file, keeping the words', async () => {
    const stats = await checkWorkspaceForm(editor, database(), {
      screen: '/admin/media/new',
      action: '/admin/media/new',
      valid: words,
    });
    expect(stats.accepted).toBe(0);
  }, 120_000);

  it('refuses files that only look like images, by the file, never with a crash', async () => {
    const token = await editor.csrf('/admin/media/new');
    const signatures = [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff, 0xe0],
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
      [0x52, 0x49, 0x46, 0x46, 0x00, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50],
      [0x00, 0x00, 0x00, 0x1c, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66],
      [],
    ];
    const before = await databaseFingerprint(database());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ maxLength: 2000 }),
        hostileText,
        async (signature, rest, alt) => {
          const file = new Blob([new Uint8Array([...signature, ...rest])]);
          const res = await postForm(editor, '/admin/media/new', token, { ...words, altEn: alt, file });
          expect(res.status).toBe(422);
          const html = await res.text();
          expect(html).toContain('<title>Error: Upload an image');
          expect(html).toMatch(/id="(file|altEn)-error"/);
        },
      ),
      { numRuns: runsOn(kind, propertyRuns(60, 20)) },
    );
    expect(await databaseFingerprint(database())).toEqual(before);
  }, 120_000);
});
