import * as fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { grantStoriesAccess } from '../../../test/support/admin-routes-stories.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { insertModerationStory } from './moderation-fixture.ts';

/**
 * A story's edit form and its translation form, posted hostile text in every field: never a 5xx; a refusal is the
 * form again with what was typed and a message, and writes nothing (its audited read is bookkeeping).
 */
describeEachDatabase('story moderation forms keep what was typed', (database) => {
  const vault = new StoryVault(new MemoryKeyRing());
  let moderator: Browser;
  let storyId: number;

  beforeAll(async () => {
    const app = createTestApp(database(), {}, { storyVault: vault }).app;
    const staff = await signedInAs(app, database(), 'editor');
    await grantStoriesAccess(database(), [staff.staffId]);
    moderator = staff;
    storyId = (await insertModerationStory({ db: database().db, vault })).id;
  });

  it('the version to publish', async () => {
    const path = `/admin/stories/${storyId}`;
    await checkWorkspaceForm(moderator, database(), {
      screen: path,
      action: path,
      extra: { 'topic-nonsense': fc.oneof(fc.constant('on'), hostileText) },
    });
  }, 240_000);

  it('the translation', async () => {
    const path = `/admin/stories/${storyId}`;
    await checkWorkspaceForm(moderator, database(), {
      screen: path,
      action: `${path}/translation`,
      valid: { translationTitle: 'Un largo camino', translationText: 'Me dijo que le habían hecho daño.' },
    });
  }, 240_000);
});
