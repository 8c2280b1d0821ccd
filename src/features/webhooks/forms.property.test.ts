import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';

/**
 * The add-an-endpoint form, posted hostile text in every field by an admin: never a 5xx, a refusal is the form
 * again with what was typed, and writes nothing.
 */
describeEachDatabase('webhook endpoint form keeps what was typed', (database) => {
  let admin: Browser;

  beforeAll(async () => {
    // As in production: plain http to other machines is refused, so the address has one more way to be wrong.
    admin = await signedInAs(createTestApp(database(), { NODE_ENV: 'production' }).app, database(), 'admin');
  });

  it('adding an endpoint', async () => {
    await checkWorkspaceForm(admin, database(), {
      screen: '/admin/webhooks',
      action: '/admin/webhooks',
      valid: {
        url: 'https://crm.example.org/hooks/groundswell',
        description: 'Coalition CRM',
        'event-signature-verified': 'on',
      },
    });
  }, 240_000);
});
