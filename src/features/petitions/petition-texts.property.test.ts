import * as fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { formControls } from '../../../test/support/form-fields.ts';
import { makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { runsOn } from '../../../test/support/property-runs.ts';
import { hostileText, WORKSPACE_FORM_RUNS, workspaceFormPoster } from '../../../test/support/workspace-form.ts';
import { getPetition } from './petition-editing.ts';

/**
 * The petition's words after signing and who it is addressed to in Spanish
 * (issue 13), hostile text in each: never a 5xx; a refusal is the form again
 * with every one of them as typed and nothing written (the poster checks
 * both); what is accepted is stored as typed, line breaks as LF.
 */
const texts = ['en.thanks', 'en.confirmationEmail', 'es.target', 'es.thanks', 'es.confirmationEmail'] as const;

describeEachDatabase('petition texts after signing, whatever is typed', (database, kind) => {
  let organizer: Browser;
  let petitionId: number;
  let url: string;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    petitionId = await makePetition(database().db, `texts-${Date.now()}`, {
      status: 'draft',
      es: { title: 'Título', summary: '', statement: 'Pedimos.' },
    });
    url = `/admin/petitions/${petitionId}`;
  });

  it('never fails on hostile text in them, keeps it on a refusal, and stores what it accepts', async () => {
    const poster = await workspaceFormPoster(organizer, database(), { screen: url, action: url });
    const filled = Object.fromEntries(
      formControls(await (await organizer.request(url)).text(), url).map((c) => [c.name, c.value]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(texts.map((name) => [name, hostileText]))),
        // Half the time another field is wrong too, so the refusal must keep these.
        fc.boolean(),
        async (typed, breakGoal) => {
          await poster.refreshToken();
          await poster.send({ ...filled, ...typed, ...(breakGoal ? { goal: 'lots' } : {}) });
          const stored = await getPetition(database().db, petitionId);
          for (const name of texts) {
            const [lang, field] = name.split('.') as ['en' | 'es', 'thanks' | 'confirmationEmail' | 'target'];
            const value = stored?.[lang]?.[field];
            // Whatever was stored is plain text, line breaks as LF.
            if (value !== undefined) expect(value).not.toMatch(/[\u0000\r]/);
          }
        },
      ),
      { numRuns: runsOn(kind, WORKSPACE_FORM_RUNS) },
    );
    expect(poster.stats.refused).toBeGreaterThan(0);
  }, 180_000);
});
