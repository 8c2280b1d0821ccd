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
import { addLifecycleRoutes, itemFormState, slugParam } from './lifecycle.tsx';
import {
  afterWrite,
  formText,
  readForm,
  renderForm,
  translationFieldNames,
  translationInput,
  wantsPreview,
  type ContentScreens,
} from './requests.ts';
import type { FormValues } from './views/pages.tsx';
import { PolicyFactFields, PolicyPreview } from './views/policies.tsx';
import { ItemFormView, ItemListView } from './views/translated.tsx';

const base = '/admin/content/policies';
const fieldNames = ['billNumber', 'sessionYear', 'status', 'position', ...translationFieldNames];

/** The policy agenda: facts once, words in each language side by side; mounted at /admin/content/policies. */
export function policyScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame } = screens;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const rows = (await listPoliciesForStaff(db)).map((p) => ({
      slug: p.snapshot.slug,
      title: itemTitle(p.snapshot),
      detail: [p.snapshot.billNumber, String(p.snapshot.sessionYear)].filter(Boolean).join(' · '),
      published: p.snapshot.published,
      status: p.status,
    }));
    return frame.render(c, {
      title: 'Policies',
      current: 'content',
      body: (
        <ItemListView
          heading="Policies"
          base={base}
          addLabel="Add a policy"
          rows={rows}
          canEdit={contentPermissions.edit(c.get('staff')!)}
          detailLabel="Bill and session"
        />
      ),
    });
  });

  const form = async (
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
    return renderForm(c, screens, {
      heading,
      errors,
      previewing: Boolean(preview),
      body: (
        <ItemFormView
          kind="policy"
          base={base}
          heading={heading}
          {...(await itemFormState(c, screens, policy))}
          values={values}
          errors={errors}
          facts={<PolicyFactFields values={values} errors={errors} slug={policy?.snapshot.slug} />}
          preview={
            preview ? (
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
            ) : undefined
          }
        />
      ),
    });
  };

  /** Reads and checks the form; a new policy's address too. */
  const readPolicyForm = async (c: Context<AdminEnv>, isNew: boolean) => {
    const body = await readForm(c);
    const values = Object.fromEntries(
      [...fieldNames, ...(isNew ? ['slug'] : [])].map((name) => [name, formText(body, name)]),
    );
    const parsed = policyFormInput.safeParse({ ...values, ...translationInput(values) });
    const slug = isNew ? newItemSlug.safeParse(values) : undefined;
    const errors = {
      ...(slug && !slug.success ? fieldErrors(slug.error.issues) : {}),
      ...(parsed.success ? {} : fieldErrors(parsed.error.issues)),
    };
    const data = parsed.success && Object.keys(errors).length === 0 ? parsed.data : undefined;
    return { values, errors, data, slug: slug?.data?.slug, preview: wantsPreview(body) };
  };

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

  addLifecycleRoutes(app, screens, {
    kind: 'policy',
    base,
    title: async (db, slug) => {
      const policy = await getPolicyForStaff(db, slug);
      return policy ? itemTitle(policy.snapshot) : undefined;
    },
    setPublished: setPolicyPublished,
    remove: deletePolicy,
  });

  return app;
}
