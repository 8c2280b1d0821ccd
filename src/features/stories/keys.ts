import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { stories } from './schema.ts';

/**
 * The stories key ring (ADR 063): AES-256-GCM keys kept in a file outside the database, so a copy of the
 * database, or a backup of it, reveals no story and no teller. Each sealed value names the key that sealed it,
 * so a rotation can add a key, re-seal every row with it, then retire the old one.
 *
 *   current  the id of the key new values are sealed with
 *   keys     every key still needed to open a stored value, by id (32 random bytes, base64url)
 *   lookup   the key of the keyed hash that finds a teller's stories by email; it never rotates, as the
 *            hash cannot be recomputed without the address
 */
const keyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a key is 32 bytes in base64url');
const ringShape = z
  .object({ current: z.string().regex(/^k\d+$/), keys: z.record(z.string().regex(/^k\d+$/), keyText), lookup: keyText })
  .refine((ring) => ring.current in ring.keys, 'the current key must be in the ring');
export type KeyRing = z.infer<typeof ringShape>;

export class StoryKeyError extends Error {}

export function newKeyRing(): KeyRing {
  return { current: 'k1', keys: { k1: randomKey() }, lookup: randomKey() };
}

function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Where the ring comes from: a file (the site, the CLI), or memory (tests). */
export interface KeyRingSource {
  /** The ring as it is now; a file source re-reads a changed file, so a rotation by another process is seen. */
  read(): KeyRing;
  write(ring: KeyRing): void;
}

export class MemoryKeyRing implements KeyRingSource {
  constructor(private ring: KeyRing = newKeyRing()) {}
  read(): KeyRing {
    return this.ring;
  }
  write(ring: KeyRing): void {
    this.ring = ringShape.parse(ring);
  }
}

/** The ring in a file (mode 0600), made on first use; written whole to a temporary name and renamed into place. */
export class FileKeyRing implements KeyRingSource {
  private cached: { ring: KeyRing; stamp: string } | undefined;
  constructor(private readonly file: string) {}

  read(): KeyRing {
    let stamp: string;
    try {
      const stat = statSync(this.file);
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.unreadable(error);
      this.create();
      return this.read();
    }
    if (this.cached?.stamp === stamp) return this.cached.ring;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      throw this.unreadable(error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StoryKeyError(
        `the stories key file ${this.file} is damaged (not valid JSON): restore it from its backup`,
      );
    }
    const ring = ringShape.safeParse(parsed);
    if (!ring.success)
      throw new StoryKeyError(
        `the stories key file ${this.file} is damaged (not a key ring): restore it from its backup`,
      );
    this.cached = { ring: ring.data, stamp };
    return ring.data;
  }

  private unreadable(error: unknown): StoryKeyError {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return new StoryKeyError(`the stories key file ${this.file} cannot be read (${code}): check its owner and mode`);
  }

  write(ring: KeyRing): void {
    const checked = ringShape.parse(ring);
    const temporary = `${this.file}.${process.pid}.tmp`;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600 });
    renameSync(temporary, this.file);
    this.cached = undefined;
  }

  /**
   * Made whole under a name of this process's own, then linked into place: a link never replaces a file, so of two
   * processes starting at once one ring wins, and neither ever reads the other's half-written file.
   */
  private create(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.new`;
      writeFileSync(temporary, JSON.stringify(newKeyRing(), null, 2) + '\n', { mode: 0o600 });
      try {
        linkSync(temporary, this.file);
      } catch (error) {
        // Another process made it first: theirs is the ring.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        unlinkSync(temporary);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StoryKeyError(`the stories key file ${this.file} cannot be made (${code}): check its folder`);
    }
  }
}

/** Seals and opens the stories' sensitive values with the ring's keys. */
export class StoryVault {
  constructor(readonly source: KeyRingSource) {}

  seal(plaintext: string): string {
    const ring = this.source.read();
    return sealWith(ring.current, ring.keys[ring.current]!, plaintext);
  }

  open(sealed: string): string {
    const keyId = keyIdOf(sealed);
    const key = this.source.read().keys[keyId];
    if (!key) throw new StoryKeyError(`no key ${keyId} in the stories key ring`);
    const [, iv, tag, body] = sealed.split('.');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), Buffer.from(iv!, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }

  /** The id of the key new values are sealed with. */
  currentKeyId(): string {
    return this.source.read().current;
  }

  /** A keyed hash of an email address (trimmed, lower-cased): the same address always gives the same hash. */
  lookupHash(email: string): string {
    const key = Buffer.from(this.source.read().lookup, 'base64url');
    return createHmac('sha256', key).update(email.trim().toLowerCase().normalize('NFC')).digest('base64url');
  }
}

/** The id of the key a sealed value names: `k3.…` → `k3`. */
export function keyIdOf(sealed: string): string {
  const keyId = sealed.slice(0, sealed.indexOf('.'));
  if (!/^k\d+$/.test(keyId) || sealed.split('.').length !== 4) throw new StoryKeyError('not a sealed story value');
  return keyId;
}

function sealWith(keyId: string, key: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

/**
 * The site's vault, checked before it serves anything: a key file that is missing while the database holds stories,
 * damaged, unreadable, or not the one the stories were sealed with stops the start with one line (StoryKeyError),
 * rather than a new ring being made over it and every story lost, or the first teller's submission failing.
 */
export async function openStoryVault(db: Db, file: string): Promise<StoryVault> {
  const [newest] = await db.select({ sealed: stories.originalSealed }).from(stories).orderBy(desc(stories.id)).limit(1);
  if (newest && !existsSync(file))
    throw new StoryKeyError(
      `the stories key file ${file} is missing, but the database holds stories sealed with it: ` +
        'restore it from its backup (docs/operations.md), or set STORIES_KEY_FILE to where it is',
    );
  const vault = new StoryVault(new FileKeyRing(file));
  vault.currentKeyId();
  if (newest) {
    try {
      vault.open(newest.sealed);
    } catch {
      throw new StoryKeyError(
        `the stories key file ${file} does not open the stories in the database: ` +
          'it is another site’s or an old copy; restore the right one from its backup',
      );
    }
  }
  return vault;
}
