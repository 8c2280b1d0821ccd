import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { listLegislators } from '../../reference/service.ts';
import {
  billLabel,
  createBill,
  deleteBill,
  getBill,
  getScorecard,
  listBills,
  listScorecards,
  saveBill,
  saveScorecard,
  saveVotes,
  votesOn,
  type AgendaBill,
} from '../agenda.ts';
import { personUuid } from '../directory.ts';
import { stepsToText } from '../grade.ts';
import { billInput, scorecardInput, voteCell } from '../inputs.ts';
import { legislatorPermissions } from '../permissions.ts';
import type { VoteChoice } from '../schema.ts';
import { AgendaOverview, BillForm, ScorecardForm, VotesForm, type FormValues } from './views.tsx';

export type LegislatorAdminDeps = { db: Db; frame: AdminFrame };

const idParam = ':id{[0-9]{1,9}}';
const billFields = ['session', 'billNumber', 'titleEn', 'titleEs', 'position', 'path'] as const;
const defaultSteps = 'A 90\nB 80\nC 70\nD 60\nF 0';

/**
 * The agenda's bills, the votes on each and the scorecards, at /admin/legislators. Every screen needs
 * `view` (viewers see the forms disabled); every change needs `edit`, and a screen that only changes
 * (a new bill, a delete's question) needs it to open.
 */
export function legislatorAdminRoutes(deps: LegislatorAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(legislatorPermissions.view));
  const canEdit = (c: Context<AdminEnv>) => legislatorPermissions.edit(c.get('staff')!);
  const edit = frame.allow(legislatorPermissions.edit);
  const failedTitle = (errors: FieldErrors, title: string) =>
    Object.values(errors).some(Boolean) ? `Error: ${title}` : title;

  app.get('/', async (c) => {
    const [bills, cards] = await Promise.all([listBills(db), listScorecards(db)]);
    return frame.render(c, {
      title: 'Legislators',
      current: 'legislators',
      body: <AgendaOverview bills={bills} cards={cards} canEdit={canEdit(c)} notice={c.req.query('notice')} />,
    });
  });

  // ---- bills ----

  async function billScreen(
    c: Context<AdminEnv>,
    bill: AgendaBill | undefined,
    values: FormValues,
    sponsors: ReadonlySet<string>,
    errors: FieldErrors,
  ) {
    const title = bill ? billLabel(bill) : 'Add a bill';
    return frame.render(c, {
      title: failedTitle(errors, title),
      current: 'legislators',
      status: Object.values(errors).some(Boolean) ? 400 : 200,
      body: (
        <BillForm
          bill={bill}
          values={values}
          sponsors={sponsors}
          errors={errors}
          roster={await listLegislators(db)}
          token={frame.csrfToken(c)}
          canEdit={canEdit(c)}
        />
      ),
    });
  }

  /** The form as typed; sponsors must be sitting legislators (a checkbox names one by the uuid of their id). */
  async function readBill(c: Context<AdminEnv>) {
    const body = await readForm(c);
    const values: FormValues = Object.fromEntries(billFields.map((name) => [name, formText(body, name)]));
    const roster = await listLegislators(db);
    const sponsors = new Set(
      roster.filter((l) => formText(body, `sponsor-${personUuid(l.id)}`) === 'on').map((l) => l.id),
    );
    const parsed = billInput.safeParse({ ...values, sponsorIds: [...sponsors] });
    const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    return { values, sponsors, errors, input: parsed.success ? parsed.data : undefined };
  }

  const billOf = (c: Context<AdminEnv>) => getBill(db, Number(c.req.param('id')));

  app.get('/bills/new', edit, (c) => billScreen(c, undefined, { position: 'support' }, new Set(), {}));
  app.post('/bills/new', edit, async (c) => {
    const typed = await readBill(c);
    if (!typed.input) return billScreen(c, undefined, typed.values, typed.sponsors, typed.errors);
    const id = await createBill(db, typed.input, frame.actor(c));
    return c.redirect(`/admin/legislators/bills/${id}?notice=created`, 303);
  });

  app.get(`/bills/${idParam}`, async (c) => {
    const bill = await billOf(c);
    if (!bill) return c.notFound();
    const values = Object.fromEntries(billFields.map((name) => [name, String(bill[name])]));
    return billScreen(c, bill, values, new Set(bill.sponsorIds), {});
  });
  app.post(`/bills/${idParam}`, edit, async (c) => {
    const bill = await billOf(c);
    if (!bill) return c.notFound();
    const typed = await readBill(c);
    if (!typed.input) return billScreen(c, bill, typed.values, typed.sponsors, typed.errors);
    await saveBill(db, bill.id, typed.input, frame.actor(c));
    return c.redirect('/admin/legislators?notice=saved', 303);
  });

  const askDelete = async (c: Context<AdminEnv>) => {
    const bill = await billOf(c);
    if (!bill) return c.notFound();
    const title = `Delete the agenda bill “${billLabel(bill)}”?`;
    return frame.render(c, {
      title,
      current: 'legislators',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            'It leaves the legislators’ pages, with every vote entered on it, and no longer counts in any grade.',
            'This cannot be undone: the audit log keeps a record that it was deleted.',
          ]}
          action={`/admin/legislators/bills/${bill.id}/delete`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, delete it"
          cancelHref={`/admin/legislators/bills/${bill.id}`}
          destructive
        />
      ),
    });
  };
  app.get(`/bills/${idParam}/delete`, edit, askDelete);
  app.post(`/bills/${idParam}/delete`, edit, async (c) => {
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askDelete(c);
    if (!(await deleteBill(db, Number(c.req.param('id')), frame.actor(c)))) return c.notFound();
    return c.redirect('/admin/legislators?notice=deleted', 303);
  });

  // ---- votes ----

  async function votesScreen(c: Context<AdminEnv>, bill: AgendaBill, values: FormValues, errors: FieldErrors) {
    const title = `Votes on ${billLabel(bill)}`;
    return frame.render(c, {
      title: failedTitle(errors, title),
      current: 'legislators',
      status: Object.values(errors).some(Boolean) ? 400 : 200,
      body: (
        <VotesForm
          bill={bill}
          roster={await listLegislators(db)}
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          canEdit={canEdit(c)}
        />
      ),
    });
  }

  app.get(`/bills/${idParam}/votes`, async (c) => {
    const bill = await billOf(c);
    if (!bill) return c.notFound();
    const votes = await votesOn(db, bill.id);
    const values = Object.fromEntries([...votes].map(([id, vote]) => [`vote-${personUuid(id)}`, vote]));
    return votesScreen(c, bill, values, {});
  });
  app.post(`/bills/${idParam}/votes`, edit, async (c) => {
    const bill = await billOf(c);
    if (!bill) return c.notFound();
    const body = await readForm(c);
    const values: FormValues = {};
    const errors: FieldErrors = {};
    const votes = new Map<string, VoteChoice | ''>();
    // Only sitting legislators are in the table; a vote of someone who has left stays as it was.
    for (const l of await listLegislators(db)) {
      const name = `vote-${personUuid(l.id)}`;
      values[name] = formText(body, name);
      const cell = voteCell.safeParse(values[name]);
      if (cell.success) votes.set(l.id, cell.data);
      else errors[name] = `${l.name}: ${cell.error.issues[0]!.message}`;
    }
    if (Object.keys(errors).length > 0) return votesScreen(c, bill, values, errors);
    await saveVotes(db, bill.id, votes, frame.actor(c));
    return c.redirect('/admin/legislators?notice=votes', 303);
  });

  // ---- scorecards ----

  async function cardScreen(
    c: Context<AdminEnv>,
    card: Awaited<ReturnType<typeof getScorecard>>,
    values: FormValues,
    errors: FieldErrors,
  ) {
    const title = card ? `${card.session} scorecard` : 'Start a scorecard';
    return frame.render(c, {
      title: failedTitle(errors, title),
      current: 'legislators',
      status: Object.values(errors).some(Boolean) ? 400 : 200,
      body: (
        <ScorecardForm card={card} values={values} errors={errors} token={frame.csrfToken(c)} canEdit={canEdit(c)} />
      ),
    });
  }

  async function readCard(c: Context<AdminEnv>, session?: string) {
    const body = await readForm(c);
    const values: FormValues = {
      session: session ?? formText(body, 'session'),
      gradeSteps: formText(body, 'gradeSteps'),
      absencesCount: formText(body, 'absencesCount') === 'on' ? 'on' : '',
      published: formText(body, 'published') === 'on' ? 'on' : '',
    };
    const parsed = scorecardInput.safeParse({
      ...values,
      absencesCount: values.absencesCount === 'on',
      published: values.published === 'on',
    });
    return {
      values,
      errors: parsed.success ? {} : fieldErrors(parsed.error.issues),
      input: parsed.success ? parsed.data : undefined,
    };
  }

  const sessionParam = ':session{[^/]{1,180}}';
  // Hono hands the parameter decoded ("2027 regular session").
  const cardOf = (c: Context<AdminEnv>) => getScorecard(db, c.req.param('session') ?? '');

  app.get('/scorecards/new', edit, (c) => cardScreen(c, undefined, { gradeSteps: defaultSteps }, {}));
  app.post('/scorecards/new', edit, async (c) => {
    const typed = await readCard(c);
    if (typed.input && (await getScorecard(db, typed.input.session)))
      typed.errors.session = 'That session already has a scorecard: edit it from the list';
    if (!typed.input || typed.errors.session) return cardScreen(c, undefined, typed.values, typed.errors);
    await saveScorecard(db, typed.input, frame.actor(c));
    return c.redirect('/admin/legislators?notice=created', 303);
  });

  app.get(`/scorecards/${sessionParam}`, async (c) => {
    const card = await cardOf(c);
    if (!card) return c.notFound();
    return cardScreen(
      c,
      card,
      {
        session: card.session,
        gradeSteps: stepsToText(card.gradeSteps),
        absencesCount: card.absencesCount ? 'on' : '',
        published: card.published ? 'on' : '',
      },
      {},
    );
  });
  app.post(`/scorecards/${sessionParam}`, edit, async (c) => {
    const card = await cardOf(c);
    if (!card) return c.notFound();
    const typed = await readCard(c, card.session);
    if (!typed.input) return cardScreen(c, card, typed.values, typed.errors);
    await saveScorecard(db, typed.input, frame.actor(c));
    return c.redirect('/admin/legislators?notice=saved', 303);
  });

  return app;
}
