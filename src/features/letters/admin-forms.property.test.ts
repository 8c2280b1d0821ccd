import * as fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { legislators } from '../reference/schema.ts';
import { sampleCampaign } from './admin-test-support.ts';
import { createCampaign } from './campaign-editing.ts';

/**
 * The campaign editor (new, and a campaign's) and the live-delivery confirmation, posted hostile text in every
 * field: never a 5xx; a refusal is the form again with what was typed, and writes nothing.
 */
let made = 0;
const unique = () => `letters-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('letter campaign forms keep what was typed', (database) => {
  let organizer: Browser;
  let admin: Browser;
  let campaignId: number;
  // Targets and legislators the page does not offer: what a hand-made request might send.
  const extra = {
    'target.list': fc.oneof(fc.constantFrom('', 'on', 'off'), hostileText),
    legislatorIds: fc.oneof(fc.constantFrom('', 'ocd-person/p1', 'ocd-person/unknown'), hostileText),
    deliveryMode: fc.oneof(fc.constantFrom('each', 'digest'), hostileText),
  };

  beforeAll(async () => {
    const app = createTestApp(database()).app;
    organizer = await signedInAs(app, database(), 'organizer');
    admin = await signedInAs(app, database(), 'admin');
    await database().db.insert(legislators).values({
      id: 'ocd-person/p1',
      name: 'Sample Senator',
      chamber: 'upper',
      district: '1',
      email: 'p1@leg.example',
    });
    campaignId = ((await createCampaign(database().db, sampleCampaign(), null)) as { id: number }).id;
  });

  it('a new campaign', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/letters/new',
      action: '/admin/letters/new',
      extra,
      valid: () => ({
        slug: unique(),
        reviewAddress: 'review@staff.example',
        'en.title': 'Letters',
        'en.subjectMatter': 'A sample topic',
        'en.subject': 'Please',
        'en.body': 'I write to you.',
      }),
    });
  }, 240_000);

  it('a campaign’s editor', async () => {
    const path = `/admin/letters/${campaignId}`;
    await checkWorkspaceForm(organizer, database(), { screen: path, action: path, extra });
  }, 240_000);

  it('the live-delivery confirmation', async () => {
    // A campaign of its own: the editor's random posts above may leave theirs in a state with no live switch.
    const own = ((await createCampaign(database().db, sampleCampaign(), null)) as { id: number }).id;
    const path = `/admin/letters/${own}/live`;
    await checkWorkspaceForm(admin, database(), {
      screen: path,
      action: path,
      extra: { offices: fc.oneof(fc.constantFrom('0', '1', '2', '-1', '1e3'), hostileText) },
    });
  }, 120_000);
});
