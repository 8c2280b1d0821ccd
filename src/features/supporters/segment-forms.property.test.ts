import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { supporterSegments } from './segment-schema.ts';
import { supporters, supporterTags } from './schema.ts';

/**
 * The saved segment and bulk tagging forms (issue 18), posted hostile text in every field, hidden ones too: never a
 * 5xx, a refusal is the form again with what was typed, and writes nothing.
 */
describeEachDatabase('segment and bulk tagging forms, whatever is typed', (database) => {
  let organizer: Browser;
  let segment: string;
  let names = 0;
  const freshName = () => ({ name: `Volunteers ${Date.now()} ${++names}` });

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    for (const n of [1, 2, 3]) {
      const [row] = await database()
        .db.insert(supporters)
        .values({ email: `bulk-form-${n}-${Date.now()}@example.org`, emailAsTyped: 'Bulk@example.org' })
        .returning({ id: supporters.id });
      await database().db.insert(supporterTags).values({ supporterId: row!.id, tag: 'volunteer' });
    }
    const [row] = await database()
      .db.insert(supporterSegments)
      .values({ name: 'Volunteers to edit', filters: { tags: ['volunteer'] } })
      .returning({ id: supporterSegments.id });
    segment = `/admin/supporters/segments/${row!.id}`;
  });

  it('saves filters as a new segment, and renames or changes one', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/supporters/segments/new?tag=volunteer&senate=12',
      action: '/admin/supporters/segments/new',
      valid: freshName,
    });
    await checkWorkspaceForm(organizer, database(), {
      screen: `${segment}/edit?tag=volunteer&county=Marion`,
      action: `${segment}/edit`,
      valid: freshName,
    });
  }, 240_000);

  it('tags and untags everyone in a list, only at the number the page showed', async () => {
    for (const mode of ['tag', 'untag'])
      await checkWorkspaceForm(organizer, database(), {
        screen: `/admin/supporters/bulk/${mode}?tag=volunteer`,
        action: `/admin/supporters/bulk/${mode}`,
        valid: { tag: 'bulk-probe' },
      });
  }, 240_000);

  it('deletes a segment only when confirmed', async () => {
    // A confirmed post deletes it: put back, under its number, before each post, so the form is always there.
    const id = Number(segment.split('/').at(-1));
    const putBack = async () => {
      await database()
        .db.insert(supporterSegments)
        .values({ id, name: `Put back ${id}`, filters: { tags: ['volunteer'] } })
        .onConflictDoNothing();
    };
    await checkWorkspaceForm(
      organizer,
      database(),
      { screen: `${segment}/delete`, action: `${segment}/delete` },
      { before: putBack },
    );
  }, 120_000);
});
