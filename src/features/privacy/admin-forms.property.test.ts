import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkSearchForm, checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { privacyRequests, type PrivacyRequest } from './schema.ts';

/**
 * The request screen's three forms (the decision, an appeal, the appeal's decision), posted hostile text in every
 * field: never a 5xx, a refusal is the form again with what was typed, and writes nothing. Each case starts from
 * the state that shows its form, as an accepted post moves the request on.
 */
describeEachDatabase('deciding privacy requests, whatever is typed', (database) => {
  let admin: Browser;
  let id: number;
  const base = () => `/admin/privacy/${id}`;
  const reset = (state: Partial<PrivacyRequest>) => async () => {
    await database()
      .db.update(privacyRequests)
      .set({ decision: null, decisionReason: null, appealText: null, appealDecision: null, ...state })
      .where(eq(privacyRequests.id, id));
  };

  beforeAll(async () => {
    const { app } = createTestApp(database());
    admin = await signedInAs(app, database(), 'admin');
    const now = new Date();
    const [row] = await database()
      .db.insert(privacyRequests)
      .values({
        kind: 'correction',
        status: 'open',
        locale: 'en',
        emailHash: 'forms-probe',
        email: 'forms-probe@example.org',
        details: 'My ZIP is wrong',
        requestedAt: now,
        confirmedAt: now,
        dueAt: new Date(now.getTime() + 45 * 24 * 60 * 60 * 1000),
      })
      .returning({ id: privacyRequests.id });
    id = row!.id;
  });

  it('records the decision', async () => {
    const before = reset({ status: 'open' });
    await before();
    const stats = await checkWorkspaceForm(
      admin,
      database(),
      {
        screen: base(),
        action: `${base()}/decision`,
        valid: { decision: 'refused', reason: 'We could not verify the change' },
      },
      { before },
    );
    expect(stats.refused).toBeGreaterThan(0);
  }, 180_000);

  it('records an appeal', async () => {
    const before = reset({ status: 'refused', decision: 'refused', decisionReason: 'Not verified' });
    await before();
    await checkWorkspaceForm(
      admin,
      database(),
      { screen: base(), action: `${base()}/appeal`, valid: { appeal: 'They sent proof' } },
      { before },
    );
  }, 180_000);

  it('decides an appeal', async () => {
    const before = reset({ status: 'appealed', appealText: 'They sent proof' });
    await before();
    await checkWorkspaceForm(
      admin,
      database(),
      {
        screen: base(),
        action: `${base()}/appeal-decision`,
        valid: { appealDecision: 'reversed', appealReason: 'Proof seen' },
      },
      { before },
    );
  }, 180_000);

  it('filters the list, whatever the query says', async () => {
    await checkSearchForm(admin, '/admin/privacy?status=all', { runs: 50 });
  }, 180_000);
});
