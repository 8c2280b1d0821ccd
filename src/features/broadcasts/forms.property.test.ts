import * as fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { createBroadcast, getBroadcast, unscheduleBroadcast } from './service.ts';

/**
 * Composing, editing and scheduling a broadcast (asked, then confirmed), posted hostile text in every
 * field by an organizer: never a 5xx, a refusal is the form again with what
 * was typed, and writes nothing.
 */
describeEachDatabase('broadcast forms, whatever is typed', (database) => {
  let organizer: Browser;
  const draft = async (name: string) =>
    (
      await createBroadcast(
        database().db,
        {
          name,
          en: { subject: 'Hello', body: 'Hello' },
          es: { subject: '', body: '' },
          audience: { topic: 'newsletter', tag: 'nobody-has-this-tag' },
        },
        null,
      )
    ).id;

  beforeAll(async () => {
    organizer = await signedInAs(createTestApp(database()).app, database(), 'organizer');
  });

  it('composes and edits drafts', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/broadcasts/new',
      action: '/admin/broadcasts/new',
      valid: { name: 'A broadcast', 'en.subject': 'News', 'en.body': 'Hello' },
    });
    const id = await draft('Edited');
    await checkWorkspaceForm(organizer, database(), {
      screen: `/admin/broadcasts/${id}`,
      action: `/admin/broadcasts/${id}`,
    });
  }, 180_000);

  it('schedules a draft', async () => {
    const id = await draft('Scheduled');
    // A run that scheduled it is undone, so every run meets the draft and its form.
    const backToDraft = async () => {
      if ((await getBroadcast(database().db, id))?.status === 'scheduled') await unscheduleBroadcast(database().db, id);
    };
    await checkWorkspaceForm(
      organizer,
      database(),
      {
        screen: `/admin/broadcasts/${id}`,
        action: `/admin/broadcasts/${id}/schedule`,
        // As the confirmation page posts it, or tampered with: anything but "yes" only asks.
        extra: { confirmed: fc.oneof(fc.constant('yes'), hostileText) },
      },
      { before: backToDraft },
    );
  }, 180_000);
});
