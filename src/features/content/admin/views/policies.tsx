import { Field, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { contentMessages } from '../../messages.ts';
import { policyPositions, policyStatuses, type Policy } from '../../service.ts';
import { PolicyPage } from '../../views/PolicyPages.tsx';
import type { FormValues } from './pages.tsx';
import { LanguagePreviews } from './translated.tsx';

const words = contentMessages('en');
const statusOptions = [
  ['', 'Choose a status'] as const,
  ...policyStatuses.map((s) => [s, words.policyStatus[s]] as const),
];
const positionOptions = [
  ['', 'Choose a position'] as const,
  ...policyPositions.map((p) => [p, words.policyPosition[p]] as const),
];

/**
 * The facts of a policy that are the same in every language. The address is fixed once made: links to it live
 * elsewhere.
 */
export function PolicyFactFields(props: { values: FormValues; errors: FieldErrors; slug?: string | undefined }) {
  const { values, errors } = props;
  return (
    <>
      {props.slug ? (
        <p>
          <strong>Address:</strong> <code>/policies/{props.slug}</code>
        </p>
      ) : (
        <Field
          name="slug"
          label="Address"
          hint={
            'The last part of its address, as in /policies/safe-housing-act: ' +
            'lower-case letters, numbers and hyphens. It cannot be changed later.'
          }
          value={values.slug}
          error={errors.slug}
          maxlength={80}
        />
      )}
      <Field
        name="billNumber"
        label="Bill number"
        hint="Optional, as in HB 2345."
        value={values.billNumber}
        error={errors.billNumber}
        maxlength={40}
      />
      <Field
        name="sessionYear"
        label="Session year"
        hint="The year of the legislative session, from 1990 to 2100."
        value={values.sessionYear}
        error={errors.sessionYear}
        inputmode="numeric"
        maxlength={4}
      />
      <Select name="status" label="Status" options={statusOptions} value={values.status} error={errors.status} />
      <Select
        name="position"
        label="Our position"
        options={positionOptions}
        value={values.position}
        error={errors.position}
      />
    </>
  );
}

/** Each language as the public policy page will show it. */
export function PolicyPreview(props: { values: FormValues; facts: Omit<Policy, 'text' | 'isFallback'> }) {
  return (
    <LanguagePreviews
      values={props.values}
      render={(t) => (
        <PolicyPage
          policy={{
            ...props.facts,
            isFallback: false,
            text: {
              policyId: 0,
              locale: t.locale,
              title: t.title,
              summary: t.summary,
              bodyMd: t.bodyMd,
              updatedAt: new Date(),
            },
          }}
          locale={t.locale}
        />
      )}
    />
  );
}
