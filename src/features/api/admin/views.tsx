import { BackLink } from '../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { DataTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';
import type { ApiKey } from '../keys.ts';
import { apiScopes, type ApiScope } from '../schema.ts';

export const scopeWords: Record<ApiScope, { label: string; hint: string }> = {
  read_people: { label: 'Read people', hint: 'Names, email addresses, ZIP codes, phone numbers and subscriptions.' },
  write_people: {
    label: 'Add and change people',
    hint: 'Subscribing someone sends them the confirmation email; it never subscribes them by itself.',
  },
  read_actions: {
    label: 'Read actions',
    hint: 'Petitions and signatures, events and RSVPs, letter campaigns and letters.',
  },
  write_actions: { label: 'Record actions', hint: 'Signatures, RSVPs and letters from another tool.' },
};

export type KeyFormValues = { name: string; scopes: ApiScope[] };

/** The keys: what each may do, when it was last used, and the form to make one. */
export function ApiKeysPage(props: {
  keys: ApiKey[];
  values: KeyFormValues;
  errors: FieldErrors;
  token: string;
  timeZone: string;
  notice?: 'revoked' | undefined;
}) {
  return (
    <>
      <h1>API keys</h1>
      {props.notice === 'revoked' ? (
        <p class="notice" role="status">
          The key is revoked: it stopped working at once.
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <p>
        A key lets another program, such as a coalition partner&apos;s organizing tool, read or add to what this site
        holds through <a href="/api/docs">the OSDI API</a>. Give each program its own key with only what it needs, and
        revoke a key as soon as it is no longer used. Every request a key makes is in the audit log.
      </p>
      <h2>Keys</h2>
      {props.keys.length === 0 ? (
        <p>No keys yet.</p>
      ) : (
        <DataTable
          caption="API keys, newest first"
          columns={['Name', 'Starts with', 'May', 'Made', 'Last used', 'State']}
        >
          {props.keys.map((key) => (
            <tr>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{key.scopes.map((s) => scopeWords[s]?.label ?? s).join(', ')}</td>
              <td>
                <When at={key.createdAt} timeZone={props.timeZone} />
              </td>
              <td>{key.lastUsedAt ? <When at={key.lastUsedAt} timeZone={props.timeZone} /> : 'Never'}</td>
              <td>
                {key.revokedAt ? (
                  <>
                    Revoked <When at={key.revokedAt} timeZone={props.timeZone} />
                  </>
                ) : (
                  // A name of its own for each row's link (not a hidden span: one positioned outside the table's
                  // scrolling box widened the page at 390 px).
                  <a href={`/admin/api-keys/${key.id}/revoke`} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </a>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>Make a key</h2>
      <Form action="/admin/api-keys" token={props.token}>
        <Field
          name="name"
          label="Name"
          hint="What will use it, so that you know what stops if you revoke it: “Coalition sync”."
          value={props.values.name}
          error={props.errors.name}
          maxlength={80}
        />
        <fieldset
          class={props.errors.scopes ? 'field field-error' : 'field'}
          id="scopes"
          aria-describedby={props.errors.scopes ? 'scopes-error' : undefined}
        >
          <legend>What it may do</legend>
          {props.errors.scopes ? (
            <p class="error-message" id="scopes-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.scopes}
            </p>
          ) : null}
          {apiScopes.map((scope) => (
            <Checkbox
              name={`scope-${scope}`}
              label={scopeWords[scope].label}
              hint={scopeWords[scope].hint}
              checked={props.values.scopes.includes(scope)}
            />
          ))}
        </fieldset>
        <button class="button" type="submit">
          Make the key
        </button>
      </Form>
    </>
  );
}

/** The one time the token is shown. */
export function NewKeyPage(props: { apiKey: ApiKey; token: string }) {
  return (
    <>
      <BackLink href="/admin/api-keys">API keys</BackLink>
      <h1>The key {props.apiKey.name}</h1>
      <p class="notice" role="status">
        Copy the key now: this is the only time it is shown. Only a fingerprint of it is kept, so it cannot be shown
        again. If it is lost, revoke it and make another.
      </p>
      <p>
        <label for="new-key">The key</label>
      </p>
      <p>
        <input id="new-key" type="text" readonly value={props.token} class="full-width" spellcheck={false} />
      </p>
      <p>
        The program sends it in the <code>OSDI-API-Token</code> header. <a href="/api/docs">How to use the API</a>.
      </p>
      <p>
        <a href="/admin/api-keys">Done: back to the keys</a>
      </p>
    </>
  );
}
