import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { supporterNotes, supporters } from './schema.ts';

/**
 * The forms staff use to add a person, correct them, change what they get
 * and write notes, posted hostile text in every field: never a 5xx, a
 * refusal is the form again with what was typed, and writes nothing.
 */
describeEachDatabase('adding, editing and noting supporters, whatever is typed', (database) => {
  let organizer: Browser;
  let person: string;
  let n = 0;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    const [row] = await database()
      .db.insert(supporters)
      .values({
        email: `edit-forms-${Date.now()}@example.org`,
        emailAsTyped: 'Edit-Forms@example.org',
        givenName: 'Ana',
      })
      .returning({ id: supporters.id });
    person = `/admin/supporters/${row!.id}`;
  });

  it('adds a supporter', async () => {
    const stats = await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/supporters/new',
      action: '/admin/supporters/new',
      // A new address each time, so one hostile field is what a refusal is about.
      valid: () => {
        n += 1;
        return {
          givenName: 'Ana',
          email: `added-${n}@example.org`,
          'topic-newsletter': 'on',
          consent: 'on',
        };
      },
    });
    expect(stats.refused).toBeGreaterThan(0);
  }, 180_000);

  it('edits their details', async () => {
    await checkWorkspaceForm(organizer, database(), { screen: `${person}/edit`, action: `${person}/edit` });
  }, 180_000);

  it('changes their subscriptions', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: `${person}/subscriptions`,
      action: `${person}/subscriptions`,
    });
  }, 180_000);

  it('adds a note', async () => {
    await checkWorkspaceForm(organizer, database(), { screen: person, action: `${person}/notes` });
  }, 180_000);

  it('corrects a note', async () => {
    const [note] = await database()
      .db.insert(supporterNotes)
      .values({ supporterId: Number(person.split('/').at(-1)), body: 'A note to correct' })
      .returning({ id: supporterNotes.id });
    const edit = `${person}/notes/${note!.id}/edit`;
    await checkWorkspaceForm(organizer, database(), { screen: edit, action: edit });
  }, 180_000);
});
