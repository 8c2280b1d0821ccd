import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { newItemSlug, policyFormInput, type PolicyForm } from '../inputs.ts';
import { contentPermissions } from '../permissions.ts';
import {
  createStaffPolicy,
  deletePolicy,
  getPolicyForStaff,
  itemTitle,
  listPoliciesForStaff,
  savePolicy,
  setPolicyPublished,
  snapshotFields,
  type StaffPolicy,
} from '../service.ts';
import { addItemRoutes, renderItemForm, slugParam } from './lifecycle.tsx';
import { afterWrite, readItemForm, renderForm, type ContentScreens } from './requests.ts';
import type { FormValues } from './views/pages.tsx';
import { PolicyFactFields, PolicyPreview } from './views/policies.tsx';

const base = '/admin/content/policies';
const fieldNames = ['billNumber', 'sessionYear', 'status', 'position'];

/** The policy agenda: facts once, words in each language side by side; mounted at /admin/content/policies. */
export function policyScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame } = screens;
  const app = new Hono<AdminEnv>();

  const form = (
    c: Context<AdminEnv>,
    state: {
      policy?: StaffPolicy | undefined;
      values: FormValues;
      errors: FieldErrors;
      preview?: PolicyForm | undefined;
    },
  ) => {
    const { policy, values, errors, preview } = state;
    const heading = policy ? itemTitle(policy.snapshot) : 'Add a policy';
    return renderItemForm(c, screens, {
      kind: 'policy',
      base,
      heading,
      stored: policy,
      values,
      errors,
      facts: <PolicyFactFields values={values} errors={errors} slug={policy?.snapshot.slug} />,
      preview: preview ? (
        <PolicyPreview
          values={values}
          facts={{
            id: 0,
            slug: policy?.snapshot.slug ?? values.slug ?? '',
            isDemo: false,
            published: false,
            createdAt: new Date(),
            updatedAt: new Date(),
            ...preview,
          }}
        />
      ) : undefined,
    });
  };

  /** Reads and checks the form; a new policy's address too. */
  const readPolicyForm = (c: Context<AdminEnv>, isNew: boolean) =>
    readItemForm(c, { fields: fieldNames, isNew, parse: async (typed) => policyFormInput.safeParse(typed) });

  app.get('/new', frame.allow(contentPermissions.edit), (c) =>
    form(c, { values: { sessionYear: String(new Date().getUTCFullYear()) }, errors: {} }),
  );

  app.post('/new', frame.allow(contentPermissions.edit), async (c) => {
    const typed = await readPolicyForm(c, true);
    if (!typed.data || typed.preview)
      return form(c, { values: typed.values, errors: typed.errors, preview: typed.preview ? typed.data : undefined });
    const slug = typed.slug!;
    const result = await afterWrite(
      c,
      screens,
      await createStaffPolicy(db, slug, typed.data, frame.actor(c)),
      `${base}/${slug}`,
      'created',
    );
    return result instanceof Response
      ? result
      : form(c, { values: typed.values, errors: { [result.field]: result.message } });
  });

  // Viewers may read a policy's words here; the form is then shown disabled.
  app.get(`/${slugParam}`, async (c) => {
    const policy = await getPolicyForStaff(db, c.req.param('slug')!);
    if (!policy) return c.notFound();
    const { published: _published, ...values } = snapshotFields(policy.snapshot);
    return form(c, { policy, values, errors: {} });
  });

  app.post(`/${slugParam}`, frame.allow(contentPermissions.edit), async (c) => {
    const policy = await getPolicyForStaff(db, c.req.param('slug')!);
    if (!policy) return c.notFound();
    const typed = await readPolicyForm(c, false);
    if (!typed.data || typed.preview)
      return form(c, {
        policy,
        values: typed.values,
        errors: typed.errors,
        preview: typed.preview ? typed.data : undefined,
      });
    const result = await afterWrite(
      c,
      screens,
      await savePolicy(db, policy.snapshot.slug, typed.data, frame.actor(c)),
      `${base}/${policy.snapshot.slug}`,
      'saved',
    );
    return result instanceof Response
      ? result
      : form(c, { policy, values: typed.values, errors: { [result.field]: result.message } });
  });

  addItemRoutes(app, screens, {
    kind: 'policy',
    base,
    heading: 'Policies',
    addLabel: 'Add a policy',
    detailLabel: 'Bill and session',
    detail: (p) => [p.billNumber, String(p.sessionYear)].filter(Boolean).join(' · '),
    list: listPoliciesForStaff,
    find: getPolicyForStaff,
    setPublished: setPolicyPublished,
    remove: deletePolicy,
  });

  return app;
}
