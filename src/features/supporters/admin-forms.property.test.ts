import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkSearchForm, checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { supporters } from './schema.ts';

/**
 * A supporter's record in the workspace (tags, erasure), posted hostile text
 * in every field by the roles that may: never a 5xx, a refusal is the form
 * again with what was typed, and writes nothing.
 */
describeEachDatabase('supporter workspace forms, whatever is typed', (database) => {
  let organizer: Browser;
  let admin: Browser;
  let person: string;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    admin = await signedInAs(app, database(), 'admin');
    const [row] = await database()
      .db.insert(supporters)
      .values({
        email: `forms-${Date.now()}@example.org`,
        emailAsTyped: 'Forms@example.org',
        givenName: 'Ana',
        familyName: 'Forms',
      })
      .returning({ id: supporters.id });
    person = `/admin/supporters/${row!.id}`;
  });

  it('adds and removes tags', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: person,
      action: `${person}/tags`,
      valid: { tag: 'volunteer' },
    });
    // A tag to remove, put back when a run has removed it, so the form is always there.
    const tagged = async () => {
      await organizer.post(`${person}/tags`, { tag: 'volunteer' }, { from: person });
    };
    await tagged();
    await checkWorkspaceForm(
      organizer,
      database(),
      { screen: person, action: `${person}/tags/remove` },
      { before: tagged },
    );
  }, 180_000);

  it('searches and filters the list', async () => {
    await checkSearchForm(organizer, '/admin/supporters');
  }, 120_000);

  it('erases only when confirmed', async () => {
    // Erasing succeeds at most once; every later post meets a record that is gone (404), still no 5xx.
    await checkWorkspaceForm(admin, database(), { screen: `${person}/erase`, action: `${person}/erase` });
  }, 120_000);
});
