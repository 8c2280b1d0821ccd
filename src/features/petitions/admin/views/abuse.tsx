import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { formatInZone } from '../../../../platform/web/time.ts';
import type { Block, SigningLimits, TrendingRow } from '../../abuse.ts';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

export type AbuseValues = {
  perIpBurst?: string;
  perIpPerHour?: string;
  ip?: string;
  domain?: string;
  ipNote?: string;
  domainNote?: string;
};

/** The two ways to block by hand: one form each, the same shape. */
const blockForms = [
  {
    heading: 'Block an address',
    kind: 'ip',
    field: 'ip',
    note: 'ipNote',
    label: 'IP address',
    hint: 'Signing from it is refused. It is stored only as its hash.',
    maxlength: 64,
    button: 'Block address',
  },
  {
    heading: 'Block an email domain',
    kind: 'email-domain',
    field: 'domain',
    note: 'domainNote',
    label: 'Domain',
    hint: 'Everything after the @, like throwaway.example. Signing with any address there is refused.',
    maxlength: 253,
    button: 'Block domain',
  },
] as const;

const rateFields = [
  {
    name: 'perIpBurst',
    label: 'Burst',
    hint: 'Signatures one address may send in quick succession (a household, a library, a rally on one Wi-Fi).',
  },
  {
    name: 'perIpPerHour',
    label: 'Per hour',
    hint: 'Signatures one address may send in an hour, all petitions together.',
  },
] as const;

function Trending(props: { title: string; rows: TrendingRow[]; kind: 'ip' | 'email-domain'; token: string }) {
  // The signatures list's filter for this kind of row.
  const filter = props.kind === 'ip' ? 'ip' : 'domain';
  return (
    <section>
      <h3>{props.title}</h3>
      {props.rows.length === 0 ? (
        <p>Nothing in the last hour.</p>
      ) : (
        <DataTable
          caption={<>{props.title}, most signatures first</>}
          columns={[props.kind === 'ip' ? 'Address (hashed)' : 'Domain', 'Count', 'Petitions', 'List', 'Block']}
        >
          {props.rows.map((r) => (
            <tr>
              <td>{props.kind === 'ip' ? <code title={r.value}>{r.value.slice(0, 12)}…</code> : r.value}</td>
              <td>{r.signatures.toLocaleString('en-US')}</td>
              <td>{r.petitions}</td>
              <td>
                <a href={`/admin/petitions/${r.petitionId}/signatures?${filter}=${encodeURIComponent(r.value)}`}>
                  See them{r.petitions > 1 ? ' (on the petition with most)' : ''}
                </a>
              </td>
              <td>
                {r.blocked ? (
                  'Blocked'
                ) : (
                  <Form action="/admin/petitions/abuse/blocks" token={props.token}>
                    <input type="hidden" name="kind" value={props.kind} />
                    <input type="hidden" name={props.kind === 'ip' ? 'ipHash' : 'domain'} value={r.value} />
                    <button type="submit" class="link-button">
                      Block {props.kind === 'ip' ? 'this address' : r.value}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/**
 * The abuse controls on one page: what is arriving now, the blocks, and the
 * rates. A flood is handled top to bottom: see it, block it, then go to the
 * petition's signatures filtered by that address or domain to invalidate.
 */
export function AbusePage(props: {
  limits: SigningLimits;
  blocks: Block[];
  trending: { ips: TrendingRow[]; domains: TrendingRow[] };
  token: string;
  timeZone: string;
  values: AbuseValues;
  errors: FieldErrors;
}) {
  const v = props.values;
  return (
    <>
      <BackLink href="/admin/petitions">Petitions</BackLink>
      <h1>Abuse controls</h1>
      <ErrorSummary errors={props.errors} title="Please fix these and try again" />
      <h2>Trending in the last hour</h2>
      <p>
        Signatures on every petition since an hour ago, by the signer’s address and email domain. Addresses are kept
        only as a keyed hash: enough to see a flood and block it, not enough to tell who it was. “See them” lists those
        signatures, where they can be invalidated.
      </p>
      <Trending title="Addresses" rows={props.trending.ips} kind="ip" token={props.token} />
      <Trending title="Email domains" rows={props.trending.domains} kind="email-domain" token={props.token} />

      <h2>Blocked</h2>
      {props.blocks.length === 0 ? (
        <p>Nothing is blocked.</p>
      ) : (
        <DataTable caption="Blocked addresses and email domains" columns={['What', 'Note', 'Since', 'Unblock']}>
          {props.blocks.map((b) => (
            <tr>
              <td>
                {b.kind === 'ip' ? (
                  <>
                    Address <code title={b.value}>{b.value.slice(0, 12)}…</code>
                  </>
                ) : (
                  <>Domain {b.value}</>
                )}
              </td>
              <td>{b.note}</td>
              <td>{formatInZone(b.createdAt, props.timeZone)}</td>
              <td>
                <Form action="/admin/petitions/abuse/blocks/remove" token={props.token}>
                  <input type="hidden" name="kind" value={b.kind} />
                  <input type="hidden" name="value" value={b.value} />
                  <button type="submit" class="link-button">
                    Unblock
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {blockForms.map((block) => (
        <>
          <h3>{block.heading}</h3>
          <Form action="/admin/petitions/abuse/blocks" token={props.token}>
            <input type="hidden" name="kind" value={block.kind} />
            <Field
              name={block.field}
              label={block.label}
              hint={block.hint}
              value={v[block.field]}
              error={props.errors[block.field]}
              maxlength={block.maxlength}
            />
            <Field name={block.note} label="Why (optional, for staff)" value={v[block.note]} maxlength={200} />
            <button type="submit" class="button">
              {block.button}
            </button>
          </Form>
        </>
      ))}

      <h2>Rates per address</h2>
      <p>
        Past these rates nobody is turned away: each further signer from that address answers a short sum on the form
        before their signature is taken. Blocked addresses and email domains are refused, on petitions and on the
        newsletter sign-up alike.
      </p>
      <Form action="/admin/petitions/abuse/limits" token={props.token}>
        {rateFields.map((rate) => (
          <Field
            name={rate.name}
            label={rate.label}
            hint={rate.hint}
            value={v[rate.name] ?? String(props.limits[rate.name])}
            error={props.errors[rate.name]}
            inputmode="numeric"
            required
          />
        ))}
        <button type="submit" class="button">
          Save rates
        </button>
      </Form>
      {props.limits.updatedAt ? (
        <p class="hint">Last changed {formatInZone(props.limits.updatedAt, props.timeZone)}.</p>
      ) : (
        <p class="hint">These are the defaults.</p>
      )}
    </>
  );
}
