import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { retentionRuleKinds } from '../kinds.ts';
import { retentionPermissions } from '../permissions.ts';
import { getRetentionRules, recentRetentionRuns, retentionRulesInput, saveRetentionRules } from '../rules.ts';
import { RetentionRulesPage, type RulesFormValues } from './views.tsx';

/** The retention rules screen, mounted at /admin/retention: admins read and change the rules. */
export function retentionAdminRoutes(deps: { db: Db; frame: AdminFrame; cache: PageCache }): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(retentionPermissions.view));

  const show = async (c: Context<AdminEnv>, typed?: RulesFormValues, errors: FieldErrors = {}) => {
    const failed = Object.values(errors).some(Boolean);
    const [rules, runs] = await Promise.all([getRetentionRules(db), recentRetentionRuns(db)]);
    const values =
      typed ??
      (Object.fromEntries(
        retentionRuleKinds.map((k) => [k, rules[k] === null ? '' : String(rules[k])]),
      ) as RulesFormValues);
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Retention rules`,
      current: 'retention',
      status: failed ? 400 : 200,
      body: (
        <RetentionRulesPage
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          canChange={retentionPermissions.change(c.get('staff')!)}
          saved={c.req.query('notice') === 'saved'}
          runs={runs}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  };

  app.get('/', (c) => show(c));

  app.post('/', frame.allow(retentionPermissions.change), async (c) => {
    const form = await readForm(c);
    const typed = Object.fromEntries(retentionRuleKinds.map((k) => [k, formText(form, k)])) as RulesFormValues;
    const parsed = retentionRulesInput.safeParse(typed);
    if (!parsed.success) return show(c, typed, fieldErrors(parsed.error.issues));
    await saveRetentionRules(db, parsed.data, frame.actor(c));
    // The notice states the rules: the public pages are made again.
    deps.cache.invalidate();
    return c.redirect('/admin/retention?notice=saved', 303);
  });

  return app;
}
