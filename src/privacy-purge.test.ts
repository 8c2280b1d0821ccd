import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test/support/databases.ts';
import { recordUpload } from './features/supporters/import-job.ts';
import { supporterImports } from './features/supporters/import-schema.ts';
import { importFolder } from './features/supporters/service.ts';
import { createLogger } from './platform/logger.ts';
import { purgeExpiredPersonalData } from './privacy-purge.ts';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('the hourly privacy purge', (database) => {
  it('deletes a supporter CSV nobody imported after a day, without anyone opening the import screen', async () => {
    const db = database().db;
    const dataDir = mkdtempSync(join(tmpdir(), 'groundswell-purge-'));
    mkdirSync(importFolder(dataDir), { recursive: true });
    const file = join(importFolder(dataDir), 'abandoned.csv');
    writeFileSync(file, 'email,first_name\nana@example.org,Ana\n');
    const job = await recordUpload(
      db,
      { storedFile: file, sizeBytes: 40, columns: ['email', 'first_name'], fields: ['email', 'givenName'] },
      null,
    );
    const silent = createLogger({ level: 'silent', pretty: false });

    // Within the day, kept: staff may still map and import it.
    expect((await purgeExpiredPersonalData(db, silent, new Date(), dataDir)).abandonedImportFiles).toBe(0);
    expect(existsSync(file)).toBe(true);

    const done = await purgeExpiredPersonalData(db, silent, new Date(Date.now() + 2 * DAY), dataDir);
    expect(done.abandonedImportFiles).toBe(1);
    expect(existsSync(file)).toBe(false);
    const [row] = await db.select().from(supporterImports).where(eq(supporterImports.id, job.id));
    expect(row!.storedFile).toBeNull();
  });
});
