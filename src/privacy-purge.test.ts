import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test/support/databases.ts';
import { recordUpload } from './features/supporters/import-job.ts';
import { supporterImports } from './features/supporters/import-schema.ts';
import { importFolder } from './features/supporters/service.ts';
import { webhookDeliveries, webhookEndpoints } from './features/webhooks/schema.ts';
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

  it('deletes webhook deliveries delivered more than 30 days ago, and keeps those still trying', async () => {
    const db = database().db;
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({
        url: 'https://receiver.example.org/hook',
        description: 'Purge test',
        events: ['person.created'],
        secretSealed: 'v1.x.x.x',
      })
      .returning({ id: webhookEndpoints.id });
    const at = new Date();
    const delivery = (key: string, status: 'delivered' | 'queued', deliveredAt: Date | null) => ({
      endpointId: endpoint!.id,
      event: 'person.created' as const,
      idempotencyKey: key,
      body: '{}',
      occurredAt: at,
      status,
      deliveredAt,
    });
    await db
      .insert(webhookDeliveries)
      .values([
        delivery('old', 'delivered', at),
        delivery('recent', 'delivered', new Date(at.getTime() + 20 * DAY)),
        delivery('trying', 'queued', null),
      ]);
    const silent = createLogger({ level: 'silent', pretty: false });
    const done = await purgeExpiredPersonalData(db, silent, new Date(at.getTime() + 31 * DAY));
    expect(done.oldWebhookDeliveries).toBe(1);
    const left = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint!.id));
    expect(left.map((d) => d.idempotencyKey).sort()).toEqual(['recent', 'trying']);
  });
});
