import { Notice } from '../../../platform/web/components.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
  type FieldErrors,
} from '../../../platform/web/forms.tsx';
import { DataTable, HiddenLabel } from '../../../platform/web/tables.tsx';
import type { Legislator } from '../../reference/service.ts';
import { billLabel, type AgendaBill, type Scorecard } from '../agenda.ts';
import { personUuid } from '../directory.ts';
import { voteChoices, type VoteChoice } from '../schema.ts';

export type FormValues = Record<string, string>;
const chamberShort = { upper: 'Sen.', lower: 'Rep.' } as const;
const positionLabel = { support: 'Support', oppose: 'Oppose' } as const;
const voteLabel: Record<VoteChoice | '', string> = {
  '': 'Not entered',
  yes: 'Yes',
  no: 'No',
  absent: 'Absent',
  excused: 'Excused',
};
const notices: Record<string, string> = {
  created: 'Saved.',
  saved: 'Saved.',
  deleted: 'The bill was deleted.',
  votes: 'The votes were saved.',
};

export function NoticeFor(props: { notice: string | undefined }) {
  const text = props.notice ? notices[props.notice] : undefined;
  return text ? <Notice>{text}</Notice> : null;
}

/** /admin/legislators: the agenda's bills and the scorecards, each a link to its form. */
export function AgendaOverview(props: { bills: AgendaBill[]; cards: Scorecard[]; canEdit: boolean; notice?: string }) {
  return (
    <>
      <h1>Legislators</h1>
      <NoticeFor notice={props.notice} />
      <p>
        The bills on our agenda, how each legislator voted on them, and the scorecards that grade those votes. The
        public pages are at <a href="/legislators">/legislators</a>.
      </p>
      <h2>Bills on the agenda</h2>
      {props.canEdit ? (
        <p>
          <a class="button" href="/admin/legislators/bills/new">
            Add a bill
          </a>
        </p>
      ) : null}
      {props.bills.length === 0 ? <p>No bills yet.</p> : null}
      <DataTable
        caption="Bills on the agenda"
        columns={['Bill', 'Session', 'Our position', <HiddenLabel>Votes</HiddenLabel>]}
      >
        {props.bills.map((b) => (
          <tr>
            <th scope="row">
              <a href={`/admin/legislators/bills/${b.id}`}>{billLabel(b)}</a>
              {b.isDemo ? (
                <>
                  {' '}
                  <span class="badge">Sample</span>
                </>
              ) : null}
            </th>
            <td>{b.session}</td>
            <td>{positionLabel[b.position]}</td>
            <td>
              <a href={`/admin/legislators/bills/${b.id}/votes`}>
                Votes<span class="visually-hidden"> on {billLabel(b)}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>Scorecards</h2>
      {props.canEdit ? (
        <p>
          <a class="button" href="/admin/legislators/scorecards/new">
            Start a scorecard
          </a>
        </p>
      ) : null}
      {props.cards.length === 0 ? <p>No scorecards yet.</p> : null}
      <DataTable caption="Scorecards" columns={['Session', 'Absences', 'On the site']}>
        {props.cards.map((s) => (
          <tr>
            <th scope="row">
              <a href={`/admin/legislators/scorecards/${encodeURIComponent(s.session)}`}>{s.session}</a>
            </th>
            <td>{s.absencesCount ? 'Count against' : 'Left out'}</td>
            <td>{s.published ? 'Published' : 'Not published'}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** A bill's form: session, number (empty for a sample), titles, our position, sponsors from the roster. */
export function BillForm(props: {
  bill?: AgendaBill | undefined;
  values: FormValues;
  sponsors: ReadonlySet<string>;
  errors: FieldErrors;
  roster: Legislator[];
  token: string;
  canEdit: boolean;
}) {
  const { values, errors, bill } = props;
  const heading = bill ? billLabel(bill) : 'Add a bill';
  const action = bill ? `/admin/legislators/bills/${bill.id}` : '/admin/legislators/bills/new';
  return (
    <>
      <BackLink href="/admin/legislators">Legislators</BackLink>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} title="There is a problem" />
      <Form action={action} token={props.token}>
        <fieldset class="plain" disabled={!props.canEdit}>
          <Field
            name="session"
            label="Session"
            hint="For example “2027 regular session”"
            value={values.session}
            error={errors.session}
            maxlength={60}
          />
          <Field
            name="billNumber"
            label="Bill number"
            hint="As the Legislature numbers it, for example “HB 1234”. Leave it empty for a sample or a bill not yet filed."
            value={values.billNumber}
            error={errors.billNumber}
            maxlength={20}
          />
          <Field name="titleEn" label="Title (English)" value={values.titleEn} error={errors.titleEn} maxlength={200} />
          <Field
            name="titleEs"
            label="Title (Spanish)"
            hint="Optional: the English title is shown until there is one"
            value={values.titleEs}
            error={errors.titleEs}
            maxlength={200}
            lang="es"
          />
          <Select
            name="position"
            label="Our position"
            options={[
              ['support', 'We support it'],
              ['oppose', 'We oppose it'],
            ]}
            value={values.position}
            error={errors.position}
          />
          <Field
            name="path"
            label="Page about it"
            hint="Optional: an address on this site, such as a letter campaign, starting with “/”"
            value={values.path}
            error={errors.path}
            maxlength={200}
          />
          <fieldset class="plain" id="sponsors" aria-describedby={errors.sponsorIds ? 'sponsors-error' : undefined}>
            <legend>Sponsors</legend>
            {errors.sponsorIds ? (
              <p class="error-message" id="sponsors-error">
                <span class="visually-hidden">Error: </span>
                {errors.sponsorIds}
              </p>
            ) : null}
            {props.roster.length === 0 ? <p>The roster is not imported yet.</p> : null}
            <div class="checkbox-columns">
              {props.roster.map((l) => (
                <Checkbox
                  name={`sponsor-${personUuid(l.id)}`}
                  label={`${chamberShort[l.chamber]} ${l.name} (district ${l.district})`}
                  checked={props.sponsors.has(l.id)}
                />
              ))}
            </div>
          </fieldset>
          {props.canEdit ? (
            <button type="submit" class="button">
              Save
            </button>
          ) : null}
        </fieldset>
      </Form>
      {bill && props.canEdit ? (
        <p>
          <a href={`/admin/legislators/bills/${bill.id}/votes`}>Enter votes</a> ·{' '}
          <a href={`/admin/legislators/bills/${bill.id}/delete`}>Delete this bill</a>
        </p>
      ) : null}
    </>
  );
}

/** The votes on one bill: every sitting legislator, one choice each, saved with one button. */
export function VotesForm(props: {
  bill: AgendaBill;
  roster: Legislator[];
  values: FormValues;
  errors: FieldErrors;
  token: string;
  canEdit: boolean;
}) {
  const { bill, errors } = props;
  return (
    <>
      <BackLink href="/admin/legislators">Legislators</BackLink>
      <h1>Votes on {billLabel(bill)}</h1>
      <ErrorSummary errors={errors} title="There is a problem" />
      <p>
        Enter each legislator’s vote as the Legislature recorded it. Leave “Not entered” where there is no record; never
        guess. {bill.isDemo ? 'This is a sample bill: enter no votes on it.' : ''}
      </p>
      <Form action={`/admin/legislators/bills/${bill.id}/votes`} token={props.token}>
        <fieldset class="plain" disabled={!props.canEdit}>
          <DataTable caption={`Votes on ${billLabel(bill)}`} columns={['Legislator', 'District', 'Vote']}>
            {props.roster.map((l) => {
              const name = `vote-${personUuid(l.id)}`;
              const error = errors[name];
              return (
                <tr>
                  <th scope="row">
                    <label for={name}>
                      {chamberShort[l.chamber]} {l.name}
                    </label>
                  </th>
                  <td>{l.district}</td>
                  <td>
                    {error ? (
                      <p class="error-message" id={`${name}-error`}>
                        <span class="visually-hidden">Error: </span>
                        {error}
                      </p>
                    ) : null}
                    <select
                      id={name}
                      name={name}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${name}-error` : undefined}
                    >
                      {(['', ...voteChoices] as const).map((v) => (
                        <option value={v} selected={(props.values[name] ?? '') === v}>
                          {voteLabel[v]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {props.canEdit ? (
            <button type="submit" class="button">
              Save the votes
            </button>
          ) : null}
        </fieldset>
      </Form>
    </>
  );
}

/** A session's scorecard: the grade steps, whether absences count, whether it is on the site. */
export function ScorecardForm(props: {
  card?: Scorecard | undefined;
  values: FormValues;
  errors: FieldErrors;
  token: string;
  canEdit: boolean;
}) {
  const { card, values, errors } = props;
  const action = card
    ? `/admin/legislators/scorecards/${encodeURIComponent(card.session)}`
    : '/admin/legislators/scorecards/new';
  return (
    <>
      <BackLink href="/admin/legislators">Legislators</BackLink>
      <h1>{card ? `${card.session} scorecard` : 'Start a scorecard'}</h1>
      <ErrorSummary errors={errors} title="There is a problem" />
      <p>
        A legislator’s grade is the share of their counted votes on this session’s agenda bills cast as we asked: yes on
        a bill we support, no on one we oppose. Yes and no always count; an excused absence never does.
      </p>
      <Form action={action} token={props.token}>
        <fieldset class="plain" disabled={!props.canEdit}>
          {card ? (
            <input type="hidden" name="session" value={card.session} />
          ) : (
            <Field
              name="session"
              label="Session"
              hint="As the bills name it, for example “2027 regular session”"
              value={values.session}
              error={errors.session}
              maxlength={60}
            />
          )}
          <TextArea
            name="gradeSteps"
            label="Grade steps"
            hint="One a line, highest first: a grade, then the lowest share of votes with us, in per cent, that earns it. End with a step at 0."
            value={values.gradeSteps}
            error={errors.gradeSteps}
            rows={6}
            maxlength={400}
          />
          <Checkbox
            name="absencesCount"
            label="An unexcused absence counts as a vote not with us"
            checked={values.absencesCount === 'on'}
          />
          <Checkbox
            name="published"
            label="Show the grades on the legislators’ pages"
            checked={values.published === 'on'}
          />
          {props.canEdit ? (
            <button type="submit" class="button">
              Save
            </button>
          ) : null}
        </fieldset>
      </Form>
    </>
  );
}
