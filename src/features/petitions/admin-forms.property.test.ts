import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { generateSignatures, makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkSearchForm, checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { rowsOf } from '../../platform/db/client.ts';

/**
 * The petition screens staff use (create and edit, striking out a district's
 * signatures, the abuse controls), posted hostile text in every field by an
 * organizer: never a 5xx, a refusal is the form again with what was typed,
 * and writes nothing.
 */
let made = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('petition workspace forms, whatever is typed', (database) => {
  let organizer: Browser;
  let petition: string;
  let petitionId: number;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    petitionId = await makePetition(database().db, `forms-${Date.now()}`);
    petition = `/admin/petitions/${petitionId}`;
  });

  it('creates and edits petitions', async () => {
    const valid = () => ({
      slug: unique('new'),
      target: 'Oregon Legislature',
      'en.title': 'A title',
      'en.statement': 'We ask',
      goal: '1,000',
    });
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/petitions/new',
      action: '/admin/petitions/new',
      valid,
    });
    await checkWorkspaceForm(organizer, database(), { screen: petition, action: petition });
  }, 180_000);

  it('strikes out signatures only when the count is confirmed', async () => {
    // Signatures to strike out, topped up when a run has struck them all, so the form is always there to refuse with.
    let batch = 0;
    const signaturesLeft = async () => {
      const [row] = await rowsOf<{ n: number | string }>(
        database().db,
        sql`select count(*) as n from petition_signatures
          where petition_id = ${petitionId} and status <> 'invalidated' and senate_district = '5'`,
      );
      if (Number(row!.n) === 0)
        await generateSignatures(database().db, { petitionId, count: 60, prefix: `strike-${batch++}` });
    };
    await signaturesLeft();
    const stats = await checkWorkspaceForm(
      organizer,
      database(),
      { screen: `${petition}/invalidate?senate=5`, action: `${petition}/invalidate` },
      { before: signaturesLeft },
    );
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);

  it('filters the signatures', async () => {
    await checkSearchForm(organizer, `${petition}/signatures`);
  }, 120_000);

  it('sets limits and blocks addresses and domains', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/petitions/abuse',
      action: '/admin/petitions/abuse/limits',
    });
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/petitions/abuse',
      action: '/admin/petitions/abuse/blocks',
      nth: 0,
      valid: { ip: '203.0.113.7' },
    });
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/petitions/abuse',
      action: '/admin/petitions/abuse/blocks',
      nth: 1,
      valid: { domain: 'spam.example' },
    });
    // A block to remove, put back when a run has removed it, so the form is always there to refuse with.
    const blocked = async () => {
      const res = await organizer.post(
        '/admin/petitions/abuse/blocks',
        { kind: 'email-domain', domain: 'throwaway.example' },
        { from: '/admin/petitions/abuse' },
      );
      expect(res.status).toBe(303);
    };
    await blocked();
    await checkWorkspaceForm(
      organizer,
      database(),
      { screen: '/admin/petitions/abuse', action: '/admin/petitions/abuse/blocks/remove' },
      { before: blocked },
    );
  }, 180_000);
});
