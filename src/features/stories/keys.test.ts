import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { NODE_FLAGS } from '../../../test/support/processes.ts';
import { FileKeyRing, MemoryKeyRing, openStoryVault, StoryKeyError, StoryVault } from './keys.ts';
import { insertTestStory } from './test-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'groundswell-keys-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(folder, `ring-${++n}`, 'stories-keys.json');

/** A child process that reads (so makes) the ring at `file` once the clock passes `at`, and prints it. */
function readInChild(file: string, at: number): Promise<string> {
  const code =
    `import { FileKeyRing } from ${JSON.stringify(join(import.meta.dirname, 'keys.ts'))};\n` +
    `while (Date.now() < ${at}) {}\n` +
    `process.stdout.write(JSON.stringify(new FileKeyRing(${JSON.stringify(file)}).read()));`;
  const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', '--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (status) => (status === 0 ? resolve(out) : reject(new Error(err)))),
  );
}

it('makes a ring on first use, readable by its owner only, and seals and opens with it', () => {
  const file = fresh();
  const vault = new StoryVault(new FileKeyRing(file));
  const sealed = vault.seal('a story');
  expect(sealed).toMatch(/^k1\./);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(new StoryVault(new FileKeyRing(file)).open(sealed)).toBe('a story');
  expect(readdirSync(join(file, '..'))).toEqual(['stories-keys.json']);
});

it('refuses a damaged or unreadable key file with one clear line, and never makes a ring over it', () => {
  const damaged = fresh();
  mkdirSync(join(damaged, '..'), { recursive: true });
  writeFileSync(damaged, '{"current": "k1", "keys": {');
  expect(() => new FileKeyRing(damaged).read()).toThrow(StoryKeyError);
  expect(() => new FileKeyRing(damaged).read()).toThrow(/is damaged \(not valid JSON\): restore it from its backup$/);
  expect(readFileSync(damaged, 'utf8')).toBe('{"current": "k1", "keys": {');

  const notARing = fresh();
  mkdirSync(join(notARing, '..'), { recursive: true });
  writeFileSync(notARing, JSON.stringify({ current: 'k2', keys: { k1: 'short' }, lookup: 'x' }));
  expect(() => new FileKeyRing(notARing).read()).toThrow(/is damaged \(not a key ring\)/);

  // A folder where the file should be: it cannot be read (as EACCES would, even for root).
  const unreadable = fresh();
  mkdirSync(unreadable, { recursive: true });
  expect(() => new FileKeyRing(unreadable).read()).toThrow(/cannot be read \(EISDIR\): check its owner and mode$/);
});

it('gives one ring to processes that make the file at the same moment', async () => {
  const file = fresh();
  const at = Date.now() + 1500;
  const rings = await Promise.all([1, 2, 3].map(() => readInChild(file, at)));
  expect(new Set(rings).size).toBe(1);
  expect(JSON.parse(rings[0]!)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  // No process's temporary file is left behind.
  expect(readdirSync(join(file, '..'))).toEqual(['stories-keys.json']);
}, 30_000);

describeEachDatabase('the key file at start', (database) => {
  const db = () => database().db;

  it('refuses to start without the file, or with another one, once stories are stored', async () => {
    const empty = fresh();
    // No story yet: the ring is made.
    await openStoryVault(db(), empty);
    expect(statSync(empty).isFile()).toBe(true);

    const file = fresh();
    const vault = await openStoryVault(db(), file);
    await insertTestStory({ db: db(), vault });
    await expect(openStoryVault(db(), file)).resolves.toBeInstanceOf(StoryVault);

    const missing = fresh();
    await expect(openStoryVault(db(), missing)).rejects.toThrow(/is missing, but the database holds stories/);
    expect(() => statSync(missing)).toThrow();
    // A ring of its own, not the one the stories were sealed with.
    const other = fresh();
    new FileKeyRing(other).write(new MemoryKeyRing().read());
    await expect(openStoryVault(db(), other)).rejects.toThrow(/does not open the stories in the database/);
  });
});
