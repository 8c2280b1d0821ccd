import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { insertPublishedStory } from './published-test-support.ts';
import { stories } from './schema.ts';
import {
  deleteStory,
  listPublishedStories,
  MemoryKeyRing,
  publicStoriesStamp,
  publishedStory,
  storiesSiteMapSection,
  storyLinkTargets,
  storyPaths,
  StoryVault,
} from './service.ts';
import type { StoryDeps } from './story-records.ts';

describeEachDatabase('published stories', (database) => {
  let deps: StoryDeps;
  let site: ReturnType<typeof createTestApp>;
  const page = async (path: string) => {
    // Moderation empties the page cache when it publishes; these tests write rows directly, so they do it here.
    site.cache.invalidate();
    const res = await site.app.request(path);
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    const storyVault = new StoryVault(new MemoryKeyRing());
    deps = { db: database().db, vault: storyVault };
    await seedDemoContent(deps.db);
    site = createTestApp(database(), {}, { storyVault });
  });

  it('says none are published yet, with the way to share one, in both languages', async () => {
    const en = await page('/stories');
    expect(en.status).toBe(200);
    expect(en.html).toContain('No stories are published yet.');
    expect(en.html).toContain('href="/share-your-story"');
    expect(en.html).toContain('Exit this page');
    const es = await page('/es/stories');
    expect(es.html).toContain('Todavía no hay historias publicadas.');
    expect(es.html).toContain('href="/es/share-your-story"');
    expect(es.html).toContain('Salir de esta página');
    expect(await publicStoriesStamp(deps.db)).toBe(0);
    expect((await storyLinkTargets(deps.db))[0]).toMatchObject({ ref: 'stories', empty: true });
  });

  it('lists only published stories, newest first, and filters by topic', async () => {
    const older = await insertPublishedStory(deps, {
      title: 'Older one',
      topics: ['healing'],
      publishedAt: new Date('2026-01-01T12:00:00Z'),
    });
    const newer = await insertPublishedStory(deps, {
      title: 'Newer one',
      topics: ['youth'],
      publishedAt: new Date('2026-06-01T12:00:00Z'),
    });
    for (const status of ['new', 'consent-asked', 'kept', 'rejected'] as const)
      await insertPublishedStory(deps, { status, title: `Not public ${status}` });
    const listed = await listPublishedStories(deps, { locale: 'en' });
    expect(listed.map((s) => s.publicId)).toEqual([newer.publicId, older.publicId]);
    const healing = await listPublishedStories(deps, { locale: 'en', topic: 'healing' });
    expect(healing.map((s) => s.publicId)).toEqual([older.publicId]);

    const all = await page('/stories');
    expect(all.html.indexOf('Newer one')).toBeLessThan(all.html.indexOf('Older one'));
    expect(all.html).not.toContain('Not public');
    const filtered = await page('/stories?topic=healing');
    expect(filtered.html).toContain('Older one');
    expect(filtered.html).not.toContain('Newer one');
    expect(filtered.html).toContain('aria-current="page">Healing');
    // An unknown topic shows everything rather than an error.
    expect((await page('/stories?topic=<script>')).html).toContain('Newer one');
    expect(await storyPaths(deps.db)).toEqual(
      expect.arrayContaining(['/stories', `/stories/${newer.publicId}`, `/stories/${older.publicId}`]),
    );
    expect((await storyPaths(deps.db)).some((p) => p.includes('Not public'))).toBe(false);
  });

  it('reads in the page’s language when staff translated it, else in its own language, marked as such', async () => {
    const translated = await insertPublishedStory(deps, {
      locale: 'en',
      title: 'Coming home after ten years',
      redacted: 'The first night at home I could not sleep.',
      translation: { title: 'Volver a casa tras diez años', text: 'La primera noche en casa no pude dormir.' },
    });
    const untranslated = await insertPublishedStory(deps, {
      locale: 'es',
      title: 'Mi hermano',
      redacted: 'Mi hermano salió en mayo.',
    });
    const es = await publishedStory(deps, translated.publicId, 'es');
    expect(es).toMatchObject({ title: 'Volver a casa tras diez años', lang: 'es' });
    expect((await publishedStory(deps, translated.publicId, 'en'))?.title).toBe('Coming home after ten years');
    expect(await publishedStory(deps, untranslated.publicId, 'en')).toMatchObject({ title: 'Mi hermano', lang: 'es' });

    const spanishPage = await page(`/es/stories/${translated.publicId}`);
    expect(spanishPage.html).toContain('La primera noche en casa no pude dormir.');
    expect(spanishPage.html).not.toContain('could not sleep');
    const englishPage = await page(`/stories/${untranslated.publicId}`);
    expect(englishPage.html).toContain('<h1 lang="es">Mi hermano</h1>');
    expect(englishPage.html).toContain('<div class="story-words" lang="es">');
    expect(englishPage.html).toContain('has not been translated into English');
  });

  it('signs with the first name only when published so, and otherwise says it was shared anonymously', async () => {
    const named = await insertPublishedStory(deps, {
      title: 'Named',
      teller: { name: 'Rosa María Pérez', email: 'rosa@example.org', phone: '503-555-0100' },
      publishConsent: 'first-name',
      publishedAs: 'first-name',
    });
    const unnamed = await insertPublishedStory(deps, {
      title: 'Unnamed',
      teller: { name: 'Tomás Ortiz' },
      publishConsent: 'first-name',
      publishedAs: 'anonymous',
    });
    const namedPage = await page(`/stories/${named.publicId}`);
    expect(namedPage.html).toContain('— Rosa');
    for (const never of ['María', 'Pérez', 'rosa@example.org', '503-555-0100'])
      expect(namedPage.html).not.toContain(never);
    const unnamedPage = await page(`/stories/${unnamed.publicId}`);
    expect(unnamedPage.html).toContain('Shared anonymously');
    expect(unnamedPage.html).not.toContain('Tomás');
    expect((await page('/es/stories')).html).toContain('Compartida de forma anónima');
  });

  it('shows the content notes first, the words behind “Continue to the story”, as escaped plain text', async () => {
    const story = await insertPublishedStory(deps, {
      title: 'With notes',
      contentNotes: 'Mentions a death in custody.',
      redacted: 'First paragraph with <b>markup</b> and **stars**.\n\nSecond paragraph.',
    });
    const { html } = await page(`/stories/${story.publicId}`);
    const notes = html.indexOf('Mentions a death in custody.');
    expect(notes).toBeGreaterThan(0);
    expect(notes).toBeLessThan(html.indexOf('<summary>Continue to the story</summary>'));
    expect(html.indexOf('<summary>')).toBeLessThan(html.indexOf('First paragraph'));
    expect(html).toContain('&lt;b&gt;markup&lt;/b&gt; and **stars**');
    expect(html).not.toContain('<b>markup</b>');
    expect(html).not.toContain('<strong>stars</strong>');
    expect(html).toContain('<p class="pre-line">Second paragraph.</p>');
    // The card on the list has the notes too, and none of the words.
    const list = await page('/stories');
    expect(list.html).toContain('Mentions a death in custody.');
    expect(list.html).not.toContain('First paragraph');
  });

  it('never shows the teller’s original words, and hides a published story with no redacted version', async () => {
    const redacted = await insertPublishedStory(deps, {
      title: 'Redacted',
      original: 'ORIGINAL-WORDS Maria from Salem',
      redacted: 'REDACTED-WORDS [name] from [town]',
    });
    const unredacted = await insertPublishedStory(deps, {
      title: 'No redacted version',
      original: 'ORIGINAL-ONLY words',
      redacted: null,
    });
    const pages = await Promise.all(
      ['/stories', `/stories/${redacted.publicId}`, `/es/stories/${redacted.publicId}`].map(page),
    );
    expect(pages[1]!.html).toContain('REDACTED-WORDS [name] from [town]');
    for (const p of pages) {
      expect(p.html).not.toContain('ORIGINAL-');
      expect(p.html).not.toContain('No redacted version');
    }
    expect(await publishedStory(deps, unredacted.publicId)).toBeUndefined();
    expect((await page(`/stories/${unredacted.publicId}`)).status).toBe(404);
    const section = await storiesSiteMapSection(deps, 'en');
    expect(section.links.some((l) => l.label === 'No redacted version')).toBe(false);
  });

  it('answers 404 for a story not published, unpublished or deleted; the stamp moves with each change', async () => {
    const story = await insertPublishedStory(deps, { title: 'Comes and goes' });
    const kept = await insertPublishedStory(deps, { status: 'kept', title: 'Kept' });
    expect((await page(`/stories/${story.publicId}`)).status).toBe(200);
    expect((await page(`/stories/${kept.publicId}`)).status).toBe(404);
    expect((await page('/stories/no-such-story')).status).toBe(404);

    const stamp = () => publicStoriesStamp(deps.db);
    const first = await stamp();
    expect(await stamp()).toBe(first);
    // A story not published changing moves nothing.
    await deps.db
      .update(stories)
      .set({ titleSealed: deps.vault.seal('Kept, renamed') })
      .where(eq(stories.id, kept.id));
    expect(await stamp()).toBe(first);
    // Edited while published, even without updated_at moving.
    await deps.db
      .update(stories)
      .set({ redactedSealed: deps.vault.seal('Changed words.') })
      .where(eq(stories.id, story.id));
    const edited = await stamp();
    expect(edited).not.toBe(first);
    // Unpublished.
    await deps.db.update(stories).set({ status: 'kept', updatedAt: new Date() }).where(eq(stories.id, story.id));
    const unpublished = await stamp();
    expect(unpublished).not.toBe(edited);
    expect((await page(`/stories/${story.publicId}`)).status).toBe(404);
    // Published again, then deleted.
    await deps.db.update(stories).set({ status: 'published', updatedAt: new Date() }).where(eq(stories.id, story.id));
    const republished = await stamp();
    expect(republished).not.toBe(unpublished);
    expect((await page(`/stories/${story.publicId}`)).status).toBe(200);
    await deleteStory(deps, story.id, null);
    expect(await stamp()).not.toBe(republished);
    expect((await page(`/stories/${story.publicId}`)).status).toBe(404);
    expect(await publishedStory(deps, story.publicId)).toBeUndefined();
  });
});
