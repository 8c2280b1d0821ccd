import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { Db } from '../../../platform/db/client.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { listLegislators } from '../../reference/service.ts';
import { lettersCount } from '../admin-messages.ts';
import {
  campaignTitle,
  createCampaign,
  getCampaignForStaff,
  listCampaignsForStaff,
  saveCampaign,
  setCampaignStatus,
  type CampaignOutcome,
  type StaffCampaign,
} from '../campaign-editing.ts';
import { letterPermissions } from '../permissions.ts';
import type { CampaignStatus } from '../schema.ts';
import {
  blankValues,
  parseCampaignForm,
  typedValues,
  valuesOf,
  type FormValues,
  type RosterChoice,
} from './campaign-form.ts';
import type { LetterAdminDeps } from './deps.ts';
import { liveDeliveryRoutes } from './live-delivery.tsx';
import { reportRoutes } from './reports.tsx';
import { CampaignEditorView } from './views/editor.tsx';
import { CampaignListView } from './views/list.tsx';

export type { LetterAdminDeps } from './deps.ts';

export const idParam = ':id{[0-9]{1,9}}';

/** The roster as the editor's list target offers it: each legislator by name, chamber and district. */
async function rosterChoices(db: Db) {
  const all = await listLegislators(db);
  const choice = (l: (typeof all)[number]): RosterChoice => ({
    id: l.id,
    label: `${l.name} (${l.chamber === 'upper' ? 'Senate' : 'House'} District ${l.district}${l.party ? `, ${l.party}` : ''})`,
    email: l.email,
  });
  return {
    senate: all.filter((l) => l.chamber === 'upper').map(choice),
    house: all.filter((l) => l.chamber === 'lower').map(choice),
  };
}

/**
 * Staff make and run letter campaigns here: the list, the editor (both languages together), opening and closing,
 * live delivery (live-delivery.tsx, admins only) and the reports and lobby packet (reports.tsx). Every screen
 * needs `view`; each change asks for its own permission (permissions.ts). Mounted at /admin/letters.
 */
export function letterAdminRoutes(deps: LetterAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(letterPermissions.view));

  const abilities = (c: Context<AdminEnv>) => {
    const staff = c.get('staff')!;
    return {
      manage: letterPermissions.manage(staff),
      reports: letterPermissions.reports(staff),
      liveDelivery: letterPermissions.liveDelivery(staff),
    };
  };
  const campaignOf = (c: Context<AdminEnv>) => getCampaignForStaff(db, Number(c.req.param('id')));

  async function editor(
    c: Context<AdminEnv>,
    state: { campaign?: StaffCampaign | undefined; values: FormValues; errors: FieldErrors },
  ) {
    const failed = Object.values(state.errors).some(Boolean);
    const heading = state.campaign ? campaignTitle(state.campaign) : 'Create a letter campaign';
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${heading}`,
      current: 'letters',
      status: failed ? 400 : 200,
      body: (
        <CampaignEditorView
          campaign={state.campaign}
          heading={heading}
          values={state.values}
          errors={state.errors}
          token={frame.csrfToken(c)}
          can={abilities(c)}
          roster={await rosterChoices(db)}
          committees={(await deps.committees?.(db)) ?? []}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  }

  async function readEditor(c: Context<AdminEnv>) {
    const body = await readForm(c);
    const values = typedValues(
      (name) => formText(body, name),
      (name) => body.getAll(name).filter((v): v is string => typeof v === 'string'),
    );
    const roster = await rosterChoices(db);
    const committees = (await deps.committees?.(db)) ?? [];
    return {
      values,
      ...parseCampaignForm(values, [...roster.senate, ...roster.house], await frame.timeZone(), committees),
    };
  }

  /** After a write: public pages afresh (this process at once, others by the content version), then onward. */
  function afterWrite(c: Context<AdminEnv>, outcome: CampaignOutcome, notice: string) {
    if (!outcome.ok) return undefined;
    deps.cache.invalidate();
    return c.redirect(`/admin/letters/${outcome.id}?notice=${notice}`, 303);
  }

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Letters to legislators',
      current: 'letters',
      body: (
        <CampaignListView
          campaigns={await listCampaignsForStaff(db)}
          canManage={letterPermissions.manage(c.get('staff')!)}
          timeZone={await frame.timeZone()}
        />
      ),
    }),
  );

  app.get('/new', frame.allow(letterPermissions.manage), (c) => editor(c, { values: blankValues(), errors: {} }));

  app.post('/new', frame.allow(letterPermissions.manage), async (c) => {
    const typed = await readEditor(c);
    if (!typed.draft) return editor(c, typed);
    const outcome = await createCampaign(db, typed.draft, frame.actor(c));
    if (outcome.ok === false && outcome.problem === 'refused')
      return editor(c, { ...typed, errors: { [outcome.field]: outcome.message } });
    return afterWrite(c, outcome, 'created') ?? c.notFound();
  });

  app.get(`/${idParam}`, async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    return editor(c, { campaign, values: valuesOf(campaign, await frame.timeZone()), errors: {} });
  });

  app.post(`/${idParam}`, frame.allow(letterPermissions.manage), async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const typed = await readEditor(c);
    if (!typed.draft) return editor(c, { campaign, ...typed });
    const outcome = await saveCampaign(db, campaign.id, typed.draft, frame.actor(c));
    if (outcome.ok === false && outcome.problem === 'refused')
      return editor(c, { campaign, ...typed, errors: { [outcome.field]: outcome.message } });
    return afterWrite(c, outcome, 'saved') ?? c.notFound();
  });

  /** Opening and going back to draft are plain buttons; a refusal goes back to the campaign, which says why not. */
  const move = (status: CampaignStatus, notice: string) => async (c: Context<AdminEnv>) => {
    const outcome = await setCampaignStatus(db, Number(c.req.param('id')), status, frame.actor(c));
    if (outcome.ok === false && outcome.problem === 'refused')
      return c.redirect(`/admin/letters/${c.req.param('id')}`, 303);
    return afterWrite(c, outcome, notice) ?? c.notFound();
  };
  app.post(`/${idParam}/open`, frame.allow(letterPermissions.manage), move('open', 'opened'));
  app.post(`/${idParam}/draft`, frame.allow(letterPermissions.manage), move('draft', 'unpublished'));

  // Closing asks first, on a page that says what it means for people part-way through a letter.
  const askClose = async (c: Context<AdminEnv>) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const title = `Close the letter campaign “${campaignTitle(campaign)}”?`;
    return frame.render(c, {
      title,
      current: 'letters',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            'Its page stays up, says it is closed, and takes no more letters: someone part-way through cannot send.',
            `The ${lettersCount(campaign.letterCount)} already written stay, and their deliveries go on.`,
            'You can open it again later.',
          ]}
          action={`/admin/letters/${campaign.id}/close`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, close the campaign"
          cancelHref={`/admin/letters/${campaign.id}`}
          destructive
        />
      ),
    });
  };
  app.get(`/${idParam}/close`, frame.allow(letterPermissions.manage), askClose);
  app.post(`/${idParam}/close`, frame.allow(letterPermissions.manage), async (c) => {
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askClose(c);
    return move('closed', 'closed')(c);
  });

  app.route('/', liveDeliveryRoutes(deps));
  app.route('/', reportRoutes(deps));
  return app;
}
