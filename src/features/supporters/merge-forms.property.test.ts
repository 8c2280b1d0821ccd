import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { seedDuplicatePair } from './merge-test-support.ts';

/**
 * The merge form posted hostile values in every field: never a 5xx, a refusal is the form again and writes
 * nothing. Only the exact choices and the tick go through; a post after the merge is shown its result.
 */
describeEachDatabase('the merge form, whatever is sent', (database) => {
  let organizer: Browser;
  let merge: string;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    const { kept, other } = await seedDuplicatePair(database().db);
    merge = `/admin/supporters/merge/${kept.id}/${other.id}`;
  });

  it('merges two records', async () => {
    const stats = await checkWorkspaceForm(organizer, database(), { screen: merge, action: merge });
    expect(stats.refused).toBeGreaterThan(0);
  }, 180_000);

  it('merges two records, one hostile field in an otherwise complete form', async () => {
    const { kept, other } = await seedDuplicatePair(database().db);
    const action = `/admin/supporters/merge/${kept.id}/${other.id}`;
    const valid = Object.fromEntries(
      ['email', 'givenName', 'familyName', 'phone', 'zip', 'county', 'locale', 'firstSource'].map((f) => [f, 'kept']),
    );
    await checkWorkspaceForm(organizer, database(), { screen: action, action, valid: { ...valid, confirm: 'on' } });
  }, 180_000);
});
