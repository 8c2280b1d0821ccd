import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { listBills } from './agenda.ts';
import { seedDemoAgenda } from './seed.ts';

/**
 * The agenda's forms (a bill, its votes, a scorecard), posted hostile text in every field by an
 * editor: never a 5xx, a refusal is the form again with what was typed, and writes nothing. The roster
 * is not imported here, so the votes table is empty and the bill's sponsors are none: what is
 * exercised is every other field.
 */
let made = 0;
const unique = () => `Session ${Date.now().toString(36)} ${made++}`;

describeEachDatabase('agenda forms keep what was typed', (database) => {
  let editor: Browser;

  beforeAll(async () => {
    await seedDemoAgenda(database().db);
    editor = await signedInAs(createTestApp(database()).app, database(), 'editor');
  });

  it('a new bill and an existing one', async () => {
    await checkWorkspaceForm(editor, database(), {
      screen: '/admin/legislators/bills/new',
      action: '/admin/legislators/bills/new',
      valid: { session: '2027 regular session', titleEn: 'Sample bill: probe', position: 'support' },
    });
    const bill = (await listBills(database().db)).find((b) => b.isDemo)!;
    const path = `/admin/legislators/bills/${bill.id}`;
    await checkWorkspaceForm(editor, database(), { screen: path, action: path });
  }, 240_000);

  it('a new scorecard and an existing one', async () => {
    await checkWorkspaceForm(editor, database(), {
      screen: '/admin/legislators/scorecards/new',
      action: '/admin/legislators/scorecards/new',
      valid: () => ({ session: unique(), gradeSteps: 'A 90\nF 0' }),
    });
    const path = '/admin/legislators/scorecards/2027%20regular%20session';
    await checkWorkspaceForm(editor, database(), { screen: path, action: path });
  }, 240_000);
});
