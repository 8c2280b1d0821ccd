import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { runAdminCommand } from '../../admin-commands.ts';
import { createLogger } from '../../platform/logger.ts';
import { auditLog } from '../audit/schema.ts';
import { FileKeyRing, StoryVault } from './keys.ts';
import { keysInUse, RotationRunning, rotateStoryKey, withStoryKeyLock } from './rotation.ts';
import { stories } from './schema.ts';
import { storyById } from './story-records.ts';
import { insertTestStory } from './test-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'groundswell-rotation-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeEachDatabase('rotating the stories key', (database, kind) => {
  const db = () => database().db;
  const file = join(folder, `${kind}-keys.json`);
  const deps = () => ({ db: db(), vault: new StoryVault(new FileKeyRing(file)) });
  const sealedOf = async () =>
    (await db().select().from(stories).orderBy(stories.id)).map((r) => [
      r.originalSealed,
      r.tellerSealed,
      r.redactedSealed,
      r.translationSealed,
    ]);

  it('seals every story again with a new key, keeps them readable, and drops the old key', async () => {
    const d = deps();
    const one = await insertTestStory(d, { original: 'First story', teller: { email: 'one@example.org' } });
    const two = await insertTestStory(d, {
      original: 'Second story',
      redacted: 'Second, redacted',
      translation: { title: 'Segunda', text: 'Segunda historia' },
    });
    const before = await sealedOf();
    const hash = (await db().select({ h: stories.emailHash }).from(stories).where(eq(stories.id, one.id)))[0]!.h;

    const result = await rotateStoryKey(d, { staffId: null, email: 'admin@psj.example', ip: '' });
    expect(result).toEqual({ keyId: 'k2', resealed: 2 });

    const after = await sealedOf();
    expect(after.flat().filter((v) => v !== null)).toHaveLength(before.flat().filter((v) => v !== null).length);
    after.flat().forEach((v, i) => {
      if (v === null) return;
      expect(v.startsWith('k2.')).toBe(true);
      expect(v).not.toBe(before.flat()[i]);
    });
    expect(await keysInUse(db())).toEqual(['k2']);
    expect((await storyById(d, one.id))?.original).toBe('First story');
    expect(await storyById(d, two.id)).toMatchObject({
      original: 'Second story',
      redacted: 'Second, redacted',
      translation: { title: 'Segunda', text: 'Segunda historia' },
    });
    // The lookup hash is not a sealed value: the same address still finds the story.
    expect(d.vault.lookupHash('one@example.org')).toBe(hash);

    // The file: only the new key left, still readable by its owner alone; a new process reads the same ring.
    const ring = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(ring.keys)).toEqual(['k2']);
    expect(ring.current).toBe('k2');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new StoryVault(new FileKeyRing(file)).open(after[0]![0]!)).toBe('First story');
    // A value sealed with the old key opens no more.
    expect(() => d.vault.open(before[0]![0]!)).toThrow(/no key k1/);

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'stories.rotate-key'));
    expect(entry?.summary).toMatchObject({ after: { keyId: 'k2', count: 2 } });
    expect(JSON.stringify(entry)).not.toMatch(/story/i);
  });

  it('keeps readable a story written while a rotation runs, and never runs two at once', async () => {
    const d = deps();
    const oldKey = d.vault.currentKeyId();
    // A writer that sealed with the old key and has not committed when the rotation starts.
    let writerId = 0;
    const writer = db().transaction(async (tx) => {
      await withStoryKeyLock(tx);
      const [row] = await tx
        .insert(stories)
        .values({
          publicId: `during-${kind}`,
          locale: 'en',
          originalSealed: d.vault.seal('Written during the rotation'),
          tellerSealed: d.vault.sealJson({ name: 'During' }),
          publishConsent: 'anonymous',
          consentWordingVersion: 'test-1',
        })
        .returning({ id: stories.id });
      writerId = row!.id;
      await new Promise((r) => setTimeout(r, 300));
    });
    await new Promise((r) => setTimeout(r, 50));
    const rotations = await Promise.allSettled([rotateStoryKey(d, null), rotateStoryKey(d, null), writer]);
    const refused = rotations.filter((r) => r.status === 'rejected');
    // PostgreSQL refuses the second while the first runs; PGlite, one connection, runs them one after the other.
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RotationRunning);
    expect(refused.length).toBe(kind === 'postgres' ? 1 : 0);

    const current = d.vault.currentKeyId();
    expect(current).not.toBe(oldKey);
    expect(Object.keys(d.vault.source.read().keys)).toEqual([current]);
    expect(await keysInUse(db())).toEqual([current]);
    expect((await storyById(d, writerId))?.original).toBe('Written during the rotation');
  });

  it('runs as `npm run cli -- stories:rotate-key`, printing one plain line', async () => {
    const printed: string[] = [];
    const code = await runAdminCommand('stories:rotate-key', undefined, {
      config: testConfig({ STORIES_KEY_FILE: file }),
      logger: createLogger({ level: 'silent', pretty: false }),
      database: database(),
      print: (line) => printed.push(line),
      error: (line) => printed.push(`error: ${line}`),
      file: undefined,
    });
    const count = (await db().select().from(stories)).length;
    const keyId = new FileKeyRing(file).read().current;
    expect(code).toBe(0);
    expect(printed).toEqual([`Stories key rotated: new key ${keyId}; ${count} stories re-sealed.`]);
    expect(await keysInUse(db())).toEqual([keyId]);
  });
});
