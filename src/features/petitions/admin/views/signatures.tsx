import { ErrorSummary, Field, Form, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { formatInZone, zoneName } from '../../../../platform/web/time.ts';
import { SENATE_SEATS, type FilterQuery, type SignatureListRow } from '../../signature-review.ts';
import type { Petition } from '../../petition-editing.ts';
import { signatureStatuses, type SignatureStatus } from '../../schema.ts';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

export const signatureStatusLabel: Record<SignatureStatus, string> = {
  pending: 'Waiting to confirm',
  verified: 'Verified',
  expired: 'Expired',
  invalidated: 'Invalidated',
};

const senateOptions = [
  ['', 'Any district'],
  ...Array.from({ length: SENATE_SEATS }, (_, i) => [String(i + 1), `Senate district ${i + 1}`] as const),
  ['unknown', 'Not known'],
] as const;

/** A query string for these filters, with extras (the page cursor). */
export function filterQuery(values: FilterQuery, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function FilterForm(props: { action: string; values: FilterQuery; errors: FieldErrors; timeZone: string }) {
  const v = props.values;
  return (
    <form method="get" action={props.action} class="search filters" novalidate>
      <Select
        name="status"
        label="Status"
        value={v.status ?? ''}
        error={props.errors.status}
        options={[['', 'Any status'], ...signatureStatuses.map((s) => [s, signatureStatusLabel[s]] as const)]}
      />
      <Select
        name="senate"
        label="Senate district"
        value={v.senate ?? ''}
        error={props.errors.senate}
        options={senateOptions}
      />
      <Field
        name="from"
        type="date"
        label="Signed from"
        hint={zoneName(props.timeZone)}
        value={v.from}
        error={props.errors.from}
      />
      <Field
        name="to"
        type="date"
        label="Signed to (inclusive)"
        hint={zoneName(props.timeZone)}
        value={v.to}
        error={props.errors.to}
      />
      {/* The trending view narrows by one address hash or domain; kept as the other filters change. */}
      {v.ip ? <input type="hidden" name="ip" value={v.ip} /> : null}
      {v.domain ? <input type="hidden" name="domain" value={v.domain} /> : null}
      <div>
        <button class="button" type="submit">
          Filter
        </button>
      </div>
    </form>
  );
}

function Narrowed(props: { base: string; values: FilterQuery }) {
  const { ip, domain, ...rest } = props.values;
  if (!ip && !domain) return null;
  return (
    <p class="notice">
      Only signatures{' '}
      {ip ? (
        <>
          from the address with hash <code>{ip.slice(0, 12)}…</code>
        </>
      ) : null}
      {ip && domain ? ' and ' : null}
      {domain ? (
        <>
          with email addresses at <strong>{domain}</strong>
        </>
      ) : null}
      . <a href={`${props.base}${filterQuery(rest)}`}>Show all</a>
    </p>
  );
}

/**
 * Names, where they signed from and when; no email addresses. The list is
 * for checking and cleaning signatures, and the email is what would let a
 * leaked screenshot reach the person. The domain is shown, because floods
 * come from throwaway domains; the full address is on the supporter's record
 * (for those allowed to see it) and in the export.
 */
export function SignatureListPage(props: {
  petition: Petition;
  rows: SignatureListRow[];
  values: FilterQuery;
  errors: FieldErrors;
  nextBefore: number | undefined;
  paged: boolean;
  timeZone: string;
  can: { export: boolean; invalidate: boolean; supporters: boolean };
}) {
  const p = props.petition;
  const base = `/admin/petitions/${p.id}/signatures`;
  const failed = Object.values(props.errors).some(Boolean);
  return (
    <>
      <BackLink href={`/admin/petitions/${p.id}`}>{p.en.title}</BackLink>
      <h1>Signatures</h1>
      <ErrorSummary errors={props.errors} title="Please fix these filters" />
      <FilterForm action={base} values={props.values} errors={props.errors} timeZone={props.timeZone} />
      <Narrowed base={base} values={props.values} />
      <ul class="list-inline">
        {props.can.export && !failed ? (
          <li>
            <a href={`${base}.csv${filterQuery(props.values)}`}>Download these as CSV</a>
          </li>
        ) : null}
        {props.can.invalidate && !failed ? (
          <li>
            <a href={`/admin/petitions/${p.id}/invalidate${filterQuery(props.values)}`}>
              Invalidate all signatures matching these filters…
            </a>
          </li>
        ) : null}
      </ul>
      {props.rows.length === 0 ? (
        <p>{props.paged ? 'No more signatures.' : 'No signatures match.'}</p>
      ) : (
        <DataTable
          caption="Signatures, newest first"
          columns={['Name', 'ZIP and city', 'Districts', 'Email domain', 'Status', 'Signed']}
        >
          {props.rows.map((r) => {
            const name = `${r.givenName} ${r.familyName}`.trim();
            return (
              <tr>
                <td>{props.can.supporters ? <a href={`/admin/supporters/${r.supporterId}`}>{name}</a> : name}</td>
                <td>
                  {r.zip}
                  {r.city ? ` ${r.city}` : ''}
                </td>
                <td>
                  {r.senateDistrict ? `SD ${r.senateDistrict}` : 'SD ?'},{' '}
                  {r.houseDistrict ? `HD ${r.houseDistrict}` : 'HD ?'}
                </td>
                <td>{r.emailDomain ?? ''}</td>
                <td>{signatureStatusLabel[r.status]}</td>
                <td>{formatInZone(r.createdAt, props.timeZone)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <nav aria-label="Pages" class="pager">
        <ul class="list-inline">
          {props.paged ? (
            <li>
              <a href={`${base}${filterQuery(props.values)}`}>Newest</a>
            </li>
          ) : null}
          {props.nextBefore ? (
            <li>
              <a href={`${base}${filterQuery(props.values, { before: props.nextBefore })}`} rel="next">
                Older signatures
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}

/** The step between choosing by filter and striking out: says how many, and what it does to the count. */
export function InvalidateConfirmPage(props: {
  petition: Petition;
  values: FilterQuery;
  errors: FieldErrors;
  preview: { total: number; verified: number; through: number };
  token: string;
}) {
  const p = props.petition;
  const base = `/admin/petitions/${p.id}`;
  const { total, verified } = props.preview;
  const count = total.toLocaleString('en-US');
  const noun = total === 1 ? 'signature' : 'signatures';
  return (
    <>
      <BackLink href={`${base}/signatures${filterQuery(props.values)}`}>Back to the signatures</BackLink>
      <h1>Invalidate signatures</h1>
      <ErrorSummary errors={props.errors} title="Please fix these filters" />
      <Narrowed base={`${base}/signatures`} values={props.values} />
      {total === 0 ? (
        <p>No signatures match these filters (that are not invalidated already). Nothing to do.</p>
      ) : (
        <>
          <p>
            This strikes out <strong>{count}</strong> {noun} matching the filters you chose.{' '}
            {verified > 0 ? (
              <>
                {verified.toLocaleString('en-US')} of them {verified === 1 ? 'is' : 'are'} verified: the public count
                goes down by {verified.toLocaleString('en-US')}.
              </>
            ) : (
              'None of them is verified, so the public count does not change.'
            )}
          </p>
          <p>Signatures arriving after this page was shown are not included. It cannot be undone from here.</p>
          <Form action={`${base}/invalidate`} token={props.token}>
            {Object.entries(props.values).map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
            <input type="hidden" name="through" value={String(props.preview.through)} />
            <button type="submit" class="button danger">
              Invalidate {count} {noun}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
