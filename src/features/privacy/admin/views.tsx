import { BackLink } from '../../../platform/web/components.tsx';
import { ErrorSummary, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { DataTable, SummaryTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';
import { daysLeft, listFilters, needsAnswer, REASON_MAX_LENGTH, type ListFilter } from '../decisions.ts';
import type { PrivacyRequest, RequestKind, RequestStatus } from '../schema.ts';

// The workspace's screens of the request log: English only, as the workspace is.

export const kindWords: Record<RequestKind, string> = {
  copy: 'A copy of their data',
  correction: 'A correction',
  deletion: 'Deletion',
};
export const statusWords: Record<RequestStatus, string> = {
  'awaiting-confirmation': 'Awaiting confirmation',
  open: 'Open',
  completed: 'Completed',
  refused: 'Refused',
  appealed: 'Appealed',
  'appeal-decided': 'Appeal decided',
};
const filterWords: Record<ListFilter, string> = { waiting: 'Waiting for staff', all: 'All', ...statusWords };

/** How long is left, in words; past the deadline in bold and said so, never by colour alone. */
function Deadline(props: { request: PrivacyRequest; now: Date }) {
  const left = daysLeft(props.request, props.now);
  if (left === undefined || !needsAnswer(props.request)) return <>—</>;
  if (left < 0) return <strong class="overdue">Overdue by {-left === 1 ? '1 day' : `${-left} days`}</strong>;
  return <>{left === 1 ? '1 day left' : `${left} days left`}</>;
}

export function RequestListPage(props: {
  requests: PrivacyRequest[];
  filter: ListFilter;
  timeZone: string;
  now: Date;
}) {
  const { timeZone, now } = props;
  return (
    <>
      <h1>Privacy requests</h1>
      <p>
        People ask at /privacy/request for a copy of their data, a correction or deletion. The law gives 45 days from
        their confirmation to answer; copies and deletions answer themselves when the person confirms. The log is kept
        24 months after its last decision.
      </p>
      <form method="get" action="/admin/privacy" class="filters">
        <Select
          name="status"
          label="Show"
          value={props.filter}
          options={listFilters.map((f) => [f, filterWords[f]] as const)}
        />
        <button class="button secondary" type="submit">
          Filter
        </button>
      </form>
      {props.requests.length === 0 ? (
        <p>No requests.</p>
      ) : (
        <DataTable caption="Privacy requests" columns={['Request', 'Kind', 'Status', 'Asked', 'Due', 'Deadline']}>
          {props.requests.map((r) => (
            <tr>
              <td>
                <a href={`/admin/privacy/${r.id}`}>Request {r.id}</a>
              </td>
              <td>{kindWords[r.kind]}</td>
              <td>{statusWords[r.status]}</td>
              <td>
                <When at={r.requestedAt} timeZone={timeZone} />
              </td>
              <td>{r.dueAt ? <When at={r.dueAt} timeZone={timeZone} /> : '—'}</td>
              <td>
                <Deadline request={r} now={now} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

const at = (when: Date | null, timeZone: string) => (when ? <When at={when} timeZone={timeZone} /> : '—');

export type DecisionValues = Record<string, string | undefined>;

export function RequestPage(props: {
  request: PrivacyRequest;
  token: string;
  timeZone: string;
  now: Date;
  values?: DecisionValues;
  errors?: FieldErrors;
  /** Which form the errors belong to. */
  failed?: 'decision' | 'appeal' | 'appeal-decision';
}) {
  const { request: r, timeZone } = props;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const base = `/admin/privacy/${r.id}`;
  return (
    <>
      <BackLink href="/admin/privacy">All privacy requests</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>Privacy request {r.id}</h1>
      <SummaryTable
        caption="The request"
        rows={[
          ['Kind', kindWords[r.kind]],
          ['Status', statusWords[r.status]],
          ['Language', r.locale === 'es' ? 'Spanish' : 'English'],
          [
            'Person',
            r.supporterId === null ? (
              'No record held (none, or erased)'
            ) : (
              <a href={`/admin/supporters/${r.supporterId}`}>Their record</a>
            ),
          ],
          ['Email', r.email ?? 'Not kept (the request is closed)'],
          ['Asked', at(r.requestedAt, timeZone)],
          ['Confirmed', at(r.confirmedAt, timeZone)],
          ['Due', r.dueAt ? <When at={r.dueAt} timeZone={timeZone} /> : '—'],
          ['Deadline', <Deadline request={r} now={props.now} />],
          ['Decided', at(r.decidedAt, timeZone)],
          ['Decision', r.decision ? `${statusWords[r.decision]}: ${r.decisionReason ?? ''}` : '—'],
          ['Appeal', r.appealText ?? '—'],
          ['Appealed', at(r.appealedAt, timeZone)],
          [
            'Appeal decision',
            r.appealDecision
              ? `${r.appealDecision === 'upheld' ? 'Decision upheld' : 'Decision reversed'}: ${r.appealReason ?? ''}`
              : '—',
          ],
        ]}
      />
      {r.kind === 'correction' && r.details ? (
        <section aria-labelledby="correction">
          <h2 id="correction">What the person says is wrong</h2>
          <p class="pre-line">{r.details}</p>
          {r.supporterId !== null ? (
            <p>
              <a href={`/admin/supporters/${r.supporterId}/edit`}>Correct their record</a>, then record the decision
              below.
            </p>
          ) : null}
        </section>
      ) : null}
      {r.status === 'open' ? (
        <section aria-labelledby="decide">
          <h2 id="decide">Record the decision</h2>
          <Form action={`${base}/decision`} token={props.token}>
            <Select
              name="decision"
              label="Decision"
              value={values.decision}
              error={errors.decision}
              options={[
                ['', 'Choose…'],
                ['completed', 'Completed: done as asked'],
                ['refused', 'Refused'],
              ]}
            />
            <TextArea
              name="reason"
              label="What was done, or why it was refused"
              hint="The person is owed the reason for a refusal. Do not copy their personal details here."
              value={values.reason}
              error={errors.reason}
              maxlength={REASON_MAX_LENGTH}
              rows={4}
            />
            <button class="button" type="submit">
              Record the decision
            </button>
          </Form>
        </section>
      ) : null}
      {r.status === 'completed' || r.status === 'refused' ? (
        <section aria-labelledby="appeal">
          <h2 id="appeal">Record an appeal</h2>
          <p>
            When the person appeals the decision (by email or letter), record it here: a new 45-day deadline starts.
          </p>
          <Form action={`${base}/appeal`} token={props.token}>
            <TextArea
              name="appeal"
              label="What the person appeals, in brief"
              value={values.appeal}
              error={errors.appeal}
              maxlength={REASON_MAX_LENGTH}
              rows={4}
            />
            <button class="button secondary" type="submit">
              Record the appeal
            </button>
          </Form>
        </section>
      ) : null}
      {r.status === 'appealed' ? (
        <section aria-labelledby="appeal-decision">
          <h2 id="appeal-decision">Decide the appeal</h2>
          <Form action={`${base}/appeal-decision`} token={props.token}>
            <Select
              name="appealDecision"
              label="Decision on the appeal"
              value={values.appealDecision}
              error={errors.appealDecision}
              options={[
                ['', 'Choose…'],
                ['upheld', 'The decision stands'],
                ['reversed', 'The decision is reversed'],
              ]}
            />
            <TextArea
              name="appealReason"
              label="Why"
              hint="Tell the person this, and how to contact the Oregon Department of Justice if they disagree."
              value={values.appealReason}
              error={errors.appealReason}
              maxlength={REASON_MAX_LENGTH}
              rows={4}
            />
            <button class="button" type="submit">
              Record the appeal decision
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
