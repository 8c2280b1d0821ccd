import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';

/**
 * The retention rules form, posted hostile text in every field by an admin: never a 5xx, a refusal is the
 * form again with what was typed, and writes nothing.
 */
describeEachDatabase('retention rules form keeps what was typed', (database) => {
  let admin: Browser;

  beforeAll(async () => {
    admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
  });

  it('the rules', async () => {
    await checkWorkspaceForm(admin, database(), {
      screen: '/admin/retention',
      action: '/admin/retention',
      valid: { 'closed-petition-signatures': '6', 'past-event-rsvps': '', 'inactive-supporters': '36' },
    });
  }, 240_000);
});
