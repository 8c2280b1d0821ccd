import { inArray } from 'drizzle-orm';
import { insertModerationStory } from '../../src/features/stories/moderation-fixture.ts';
import { FileKeyRing, StoryVault } from '../../src/features/stories/service.ts';
import { staffUsers } from '../../src/features/staff/schema.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { all, get, post, writers, type AdminRouteCase } from './admin-routes.ts';
import { testConfig } from './app.ts';

// Survivors' stories (issue 17), in the role × route table of admin-routes.ts.

/**
 * Stories access is a grant on top of the role (ADR 063): the walk gives it to the staff it signs in, so these
 * cases check the roles, and a member of staff without it is refused every one of them (admin-access.test.ts).
 */
export async function grantStoriesAccess(database: Database, staffIds: number[]): Promise<void> {
  await database.db.update(staffUsers).set({ storiesAccess: true }).where(inArray(staffUsers.id, staffIds));
}

/** The test app's own key ring (test/support/app.ts), so the probes open on its screens. */
export const testStoryVault = () => new StoryVault(new FileKeyRing(testConfig().storiesKeyFile));

/**
 * The queue and a story's screen are for everyone with access; every change needs a role that writes too (see
 * stories/permissions.ts). Each post is refused or harmless: forms sent empty, questions unconfirmed, the
 * testimony packet refused without the teller's consent; keeping and rejecting move a probe nobody else uses.
 */
export async function storyRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const deps = { db: database.db, vault: testStoryVault() };
  const ready = { titleSealed: deps.vault.seal('Probe'), redactedSealed: deps.vault.seal('Probe text') };
  const waiting = await insertModerationStory(deps, ready);
  const published = await insertModerationStory(deps, { ...ready, status: 'published', publishedAs: 'anonymous' });
  const base = '/admin/stories';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${waiting.id}`;
  const live = `${base}/${published.id}`;
  return [
    get(base, all, `${base}?state=all&language=en`),
    // The printable testimony packet: redacted words, for those who decide what is published.
    get(`${base}/testimony`, writers),
    get(id, all, url),
    post(id, writers, { url, form: { text: '' } }),
    post(`${id}/translation`, writers, { url: `${url}/translation`, form: { translationTitle: 'Only a title' } }),
    get(`${id}/publish`, writers, `${url}/publish`),
    post(`${id}/publish`, writers, { url: `${url}/publish`, form: {} }),
    get(`${id}/unpublish`, writers, `${live}/unpublish`),
    post(`${id}/unpublish`, writers, { url: `${live}/unpublish`, form: {} }),
    post(`${id}/testimony`, writers, { url: `${url}/testimony`, form: { forTestimony: 'yes' } }),
    post(`${id}/ask-consent`, writers, { url: `${url}/ask-consent` }),
    get(`${id}/delete`, writers, `${url}/delete`),
    post(`${id}/delete`, writers, { url: `${url}/delete`, form: {} }),
    post(`${id}/keep`, writers, { url: `${url}/keep` }),
    post(`${id}/reject`, writers, { url: `${url}/reject` }),
  ];
}
