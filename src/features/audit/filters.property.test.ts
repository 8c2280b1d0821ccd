import { it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { checkSearchForm } from '../../../test/support/workspace-form.ts';

describeEachDatabase('the audit log’s filters, whatever is typed', (database) => {
  it('answers every filter with the log and its form, never a 5xx', async () => {
    const admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    await checkSearchForm(admin, '/admin/audit');
  }, 120_000);
});
