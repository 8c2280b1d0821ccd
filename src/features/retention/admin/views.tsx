import { DataTable } from '../../../platform/web/tables.tsx';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { When } from '../../../platform/web/when.tsx';
import { RULE_MONTHS, retentionRuleKinds, ruleWords, type RetentionRuleKind } from '../kinds.ts';
import type { RetentionRun } from '../rules.ts';

export type RulesFormValues = Record<RetentionRuleKind, string>;

/**
 * The retention rules: one field a rule (months, empty for off), what each deletes, and the log of what the
 * rules have deleted. Saving changes the privacy notice at once, which the screen says.
 */
export function RetentionRulesPage(props: {
  values: RulesFormValues;
  errors: FieldErrors;
  token: string;
  canChange: boolean;
  saved: boolean;
  runs: RetentionRun[];
  timeZone: string;
}) {
  return (
    <>
      <h1>Retention rules</h1>
      {props.saved ? (
        <p class="notice" role="status">
          Saved. The privacy notice now states these rules, and the next hourly purge applies them.
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <p>
        Beyond the periods the site keeps to on its own (unconfirmed sign-ups, signers’ network addresses, stories), an
        organisation may choose to delete what people gave in the past. Each rule waits the months you enter; leave a
        rule empty to keep that data until a person asks for its erasure. The privacy notice lists the rules that are
        on, in both languages. What a rule deletes cannot be brought back.
      </p>
      {props.canChange ? (
        <Form action="/admin/retention" token={props.token}>
          {retentionRuleKinds.map((kind) => (
            <Field
              name={kind}
              label={`${ruleWords[kind].staff.label}: months`}
              hint={`${ruleWords[kind].staff.hint} From ${RULE_MONTHS.min} to ${RULE_MONTHS.max}; empty is off.`}
              value={props.values[kind]}
              error={props.errors[kind]}
              inputmode="numeric"
              maxlength={3}
            />
          ))}
          <button type="submit">Save the rules</button>
        </Form>
      ) : (
        <ul>
          {retentionRuleKinds.map((kind) => (
            <li>
              {ruleWords[kind].staff.label}: {props.values[kind] ? `after ${props.values[kind]} months` : 'off'}
            </li>
          ))}
        </ul>
      )}
      <h2>What the rules deleted</h2>
      {props.runs.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <DataTable caption="What the rules deleted, newest first" columns={['When', 'Rule', 'Months', 'Deleted']}>
          {props.runs.map((run) => (
            <tr>
              <td>
                <When at={run.at} timeZone={props.timeZone} />
              </td>
              <td>{ruleWords[run.kind]?.staff.label ?? run.kind}</td>
              <td>{run.months}</td>
              <td>{run.affected.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
