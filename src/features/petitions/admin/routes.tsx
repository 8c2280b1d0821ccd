import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { dateToZonedLocal } from '../../../platform/web/time.ts';
import { getSiteSettings } from '../../content/service.ts';
import { abuseRoutes } from './abuse.tsx';
import { formText, petitionIdParam, readForm, type PetitionAdminDeps } from './http.ts';
import { signatureRoutes } from './signatures.tsx';
import {
  afterSigningTexts,
  createPetition,
  getPetition,
  listPetitions,
  MAX_THRESHOLDS,
  nextStatuses,
  petitionInput,
  updatePetition,
  verifiedCount,
  type Petition,
  type PetitionValues,
} from '../petition-editing.ts';
import { petitionPermissions } from '../permissions.ts';
import {
  PetitionForm,
  PetitionLinks,
  PreviewLinks,
  PetitionListPage,
  PetitionSummary,
  petitionStatusLabel,
} from './views/petitions.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { sendHtml } from '../../../platform/http/respond.ts';
import { askBeforeStopping, stopsSigning } from './status-change.tsx';

/** What a posted petition form says, as typed, for re-rendering. */
function valuesFrom(form: FormData): PetitionValues {
  const text = (name: string) => formText(form, name);
  const version = (p: string) => ({
    title: text(`${p}.title`),
    summary: text(`${p}.summary`),
    statement: text(`${p}.statement`),
    target: text(`${p}.target`),
    thanks: text(`${p}.thanks`),
    confirmationEmail: text(`${p}.confirmationEmail`),
  });
  const thresholds: NonNullable<PetitionValues['thresholds']> = [];
  for (let i = 0; i < MAX_THRESHOLDS + 3; i++) {
    thresholds.push({
      count: text(`thresholds.${i}.count`),
      en: text(`thresholds.${i}.en`),
      es: text(`thresholds.${i}.es`),
    });
  }
  return {
    slug: text('slug'),
    target: text('target'),
    en: version('en'),
    es: version('es'),
    goal: text('goal'),
    thresholds,
    opensAt: text('opensAt'),
    closesAt: text('closesAt'),
    status: text('status'),
  };
}

function valuesOf(p: Petition, timeZone: string): PetitionValues {
  return {
    slug: p.slug,
    target: p.target,
    en: { target: '', ...p.en, ...afterSigningTexts(p.en, 'en') },
    es: p.es ? { target: '', ...p.es, ...afterSigningTexts(p.es, 'es') } : {},
    goal: String(p.goal),
    thresholds: p.thresholds.map((t) => ({ count: String(t.count), en: t.message.en ?? '', es: t.message.es ?? '' })),
    opensAt: p.opensAt ? dateToZonedLocal(p.opensAt, timeZone) : '',
    closesAt: p.closesAt ? dateToZonedLocal(p.closesAt, timeZone) : '',
    status: p.status,
  };
}

export type { PetitionAdminDeps } from './http.ts';

/** Petitions in the workspace, mounted at /admin/petitions. Who may do what is in permissions.ts. */
export function petitionAdminRoutes(deps: PetitionAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn());
  // Registered before the `view` check below, which therefore never runs for them: Hono runs
  // handlers in the order they were added, and a preview answers without calling on.
  addPreviewRoutes(app, deps);
  app.use(frame.allow(petitionPermissions.view));
  const mustEdit = frame.allow(petitionPermissions.edit);
  const timeZone = async () => (await getSiteSettings(db)).timeZone;

  app.route('/abuse', abuseRoutes(deps));
  app.route('/', signatureRoutes(deps));

  app.get('/', async (c) => {
    const staff = c.get('staff')!;
    return frame.render(c, {
      title: 'Petitions',
      current: 'petitions',
      body: (
        <PetitionListPage
          rows={await listPetitions(db)}
          canEdit={petitionPermissions.edit(staff)}
          canManageAbuse={petitionPermissions.manageAbuse(staff)}
        />
      ),
    });
  });

  const newPage = async (c: Context<AdminEnv>, values: PetitionValues, errors: FieldErrors, status = 200) =>
    frame.render(c, {
      title: Object.keys(errors).length > 0 ? 'Error: New petition' : 'New petition',
      current: 'petitions',
      status,
      body: (
        <>
          <BackLink href="/admin/petitions">Petitions</BackLink>
          <h1>New petition</h1>
          <PetitionForm
            action="/admin/petitions/new"
            token={frame.csrfToken(c)}
            values={values}
            errors={errors}
            statuses={['draft', 'open']}
            timeZone={await timeZone()}
            submitLabel="Create petition"
          />
        </>
      ),
    });

  app.get('/new', mustEdit, (c) => newPage(c, { status: 'draft' }, {}));

  app.post('/new', mustEdit, async (c) => {
    const values = valuesFrom(await readForm(c));
    const parsed = petitionInput(await timeZone()).safeParse(values);
    if (!parsed.success) return newPage(c, values, fieldErrors(parsed.error.issues), 422);
    const saved = await createPetition(db, parsed.data, frame.actor(c));
    if (!saved.ok) return newPage(c, values, saved.errors, 422);
    return c.redirect(`/admin/petitions/${saved.petition.id}?notice=created`, 303);
  });

  const show = async (
    c: Context<AdminEnv>,
    p: Petition,
    edit: { values?: PetitionValues; errors?: FieldErrors; status?: number } = {},
  ) => {
    const staff = c.get('staff')!;
    const zone = await timeZone();
    const errors = edit.errors ?? {};
    const verified = await verifiedCount(db, p.id);
    return frame.render(c, {
      title: `${Object.keys(errors).length > 0 ? 'Error: ' : ''}${p.en.title}`,
      current: 'petitions',
      status: edit.status,
      body: (
        <>
          <BackLink href="/admin/petitions">Petitions</BackLink>
          <h1>{p.en.title}</h1>
          <p>
            {petitionStatusLabel[p.status]} · <strong>{verified.toLocaleString('en-US')}</strong> verified of{' '}
            {p.goal.toLocaleString('en-US')} ·{' '}
            {p.status === 'draft' ? 'not public yet' : <a href={`/petitions/${p.slug}`}>public page</a>}
          </p>
          <PreviewLinks id={p.id} spanish={Boolean(p.es)} />
          <PetitionLinks
            id={p.id}
            can={{
              signatures: petitionPermissions.viewSignatures(staff),
              export: petitionPermissions.exportSignatures(staff),
            }}
          />
          {petitionPermissions.edit(staff) ? (
            <>
              <h2>Edit</h2>
              <PetitionForm
                action={`/admin/petitions/${p.id}`}
                token={frame.csrfToken(c)}
                values={edit.values ?? valuesOf(p, zone)}
                errors={errors}
                statuses={nextStatuses[p.status]}
                timeZone={zone}
                submitLabel="Save changes"
              />
            </>
          ) : (
            <PetitionSummary petition={p} verified={verified} timeZone={zone} />
          )}
        </>
      ),
    });
  };

  app.get(petitionIdParam, async (c) => {
    const p = await getPetition(db, Number(c.req.param('id')));
    return p ? show(c, p) : c.notFound();
  });

  app.post(petitionIdParam, mustEdit, async (c) => {
    const p = await getPetition(db, Number(c.req.param('id')));
    if (!p) return c.notFound();
    const form = await readForm(c);
    const values = valuesFrom(form);
    const parsed = petitionInput(await timeZone()).safeParse(values);
    if (!parsed.success) return show(c, p, { values, errors: fieldErrors(parsed.error.issues), status: 422 });
    if (stopsSigning(p.status, parsed.data.status) && formText(form, 'confirmed') !== 'yes')
      return askBeforeStopping(c, deps, p, parsed.data.status, form);
    const saved = await updatePetition(db, p.id, parsed.data, frame.actor(c));
    if (!saved) return c.notFound();
    if (!saved.ok) return show(c, p, { values, errors: saved.errors, status: 422 });
    deps.live?.counted(saved.petition);
    return c.redirect(`/admin/petitions/${p.id}?notice=saved`, 303);
  });

  return app;
}

/** The public page as it will look, for a draft too: any staff member; never cached, never indexed. */
function addPreviewRoutes(app: Hono<AdminEnv>, deps: PetitionAdminDeps): void {
  for (const [suffix, locale] of [
    ['', 'en'],
    ['/es', 'es'],
  ] as const) {
    app.get(`${petitionIdParam}/preview${suffix}`, deps.frame.allow(petitionPermissions.preview), async (c) => {
      const p = await getPetition(deps.db, Number(c.req.param('id')));
      if (!p || !deps.live) return c.notFound();
      const res = sendHtml(c, await deps.live.preview(p, locale), 200);
      res.headers.set('Cache-Control', 'no-store');
      res.headers.set('X-Robots-Tag', 'noindex');
      return res;
    });
  }
}
