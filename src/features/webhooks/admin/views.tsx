import { BackLink } from '../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { DataTable, SummaryTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';
import type { DeliveryListing } from '../deliveries.ts';
import { eventField, type EndpointFormValues } from '../endpoint-inputs.ts';
import type { Endpoint } from '../endpoints.ts';
import { eventLabels, webhookEvents } from '../events.ts';

const statusWords = (e: Endpoint) =>
  e.status === 'active' ? 'Active' : e.pausedReason === 'failing' ? 'Paused: its deliveries failed for days' : 'Paused';

/** The list of endpoints and the form that adds one. */
export function WebhooksPage(props: {
  endpoints: Endpoint[];
  values: EndpointFormValues;
  errors: FieldErrors;
  token: string;
  httpAllowed: boolean;
}) {
  return (
    <>
      <h1>Webhooks</h1>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <p>
        A webhook tells another system (a CRM, a coalition’s database, an automation tool) within seconds that something
        happened here. Each delivery carries only ids and links; the receiver asks the API, with its own key, for
        anything more. Deliveries are signed with the endpoint’s secret and retried for three days before the endpoint
        is paused.
      </p>
      <h2>Endpoints</h2>
      {props.endpoints.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <DataTable caption="Webhook endpoints" columns={['Endpoint', 'Events', 'Status']}>
          {props.endpoints.map((e) => (
            <tr>
              <td>
                <a href={`/admin/webhooks/${e.id}`}>{e.description}</a>
                <br />
                <span class="hint">{hostOf(e.url)}</span>
              </td>
              <td>{e.events.join(', ')}</td>
              <td>{statusWords(e)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>Add an endpoint</h2>
      <Form action="/admin/webhooks" token={props.token}>
        <Field
          name="url"
          label="Address"
          hint={
            props.httpAllowed
              ? 'The full address that receives each delivery as a POST, such as https://crm.example.org/hooks/groundswell.'
              : 'The full https:// address that receives each delivery as a POST (plain http only to this machine).'
          }
          type="url"
          value={props.values.url}
          error={props.errors.url}
          maxlength={2000}
          required
        />
        <Field
          name="description"
          label="What receives them"
          hint="For staff: the tool or partner, such as “Coalition CRM”."
          value={props.values.description}
          error={props.errors.description}
          maxlength={200}
          required
        />
        <fieldset id="events" class={props.errors.events ? 'field-error' : undefined}>
          <legend>Events to send</legend>
          {props.errors.events ? (
            <p class="error-message" id="events-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.events}
            </p>
          ) : null}
          {webhookEvents.map((event) => (
            <Checkbox
              name={eventField(event)}
              label={`${event}: ${eventLabels[event]}`}
              checked={props.values.events.includes(event)}
            />
          ))}
        </fieldset>
        <button type="submit">Add the endpoint</button>
      </Form>
    </>
  );
}

/** The secret, once: after an endpoint is added or its secret changed. */
export function SecretPage(props: { endpoint: Endpoint; secret: string; fresh: boolean }) {
  return (
    <>
      <BackLink href={`/admin/webhooks/${props.endpoint.id}`}>{props.endpoint.description}</BackLink>
      <h1>{props.fresh ? 'Endpoint added' : 'New signing secret'}</h1>
      <p class="notice" role="status">
        Copy this secret into the receiving system now. It is not shown again: if it is lost, change it for a new one.
      </p>
      <p>
        <label for="secret">Signing secret</label>
        <br />
        <input id="secret" type="text" readonly value={props.secret} autocomplete="off" spellcheck={false} />
      </p>
      <p>
        The receiver checks the <code>Groundswell-Signature</code> header of each delivery with it (see
        docs/webhooks.md).{' '}
        {props.fresh
          ? 'Deliveries start with changes from now on.'
          : 'Deliveries from now on are signed with this secret only.'}
      </p>
      <p>
        <a href={`/admin/webhooks/${props.endpoint.id}`}>Go to the endpoint</a>
      </p>
    </>
  );
}

/** One endpoint: what it is, its state and actions, and its deliveries, newest first. */
export function EndpointPage(props: {
  endpoint: Endpoint;
  deliveries: DeliveryListing[];
  page: number;
  pages: number;
  token: string;
  timeZone: string;
}) {
  const e = props.endpoint;
  const base = `/admin/webhooks/${e.id}`;
  return (
    <>
      <BackLink href="/admin/webhooks">Webhooks</BackLink>
      <h1>{e.description}</h1>
      <SummaryTable
        caption="The endpoint"
        rows={[
          ['Address', <span class="wrap-anywhere">{e.url}</span>],
          ['Events', e.events.join(', ')],
          ['Status', statusWords(e)],
          ['Failing since', e.failingSince ? <When at={e.failingSince} timeZone={props.timeZone} /> : 'Not failing'],
          ['Added', <When at={e.createdAt} timeZone={props.timeZone} />],
        ]}
      />
      <div class="button-group">
        <Form action={`${base}/${e.status === 'active' ? 'pause' : 'resume'}`} token={props.token}>
          <button type="submit" class="button">
            {e.status === 'active' ? 'Pause deliveries' : 'Resume deliveries'}
          </button>
        </Form>
        <a href={`${base}/rotate`}>Change the signing secret</a>
        <a href={`${base}/delete`}>Delete the endpoint</a>
      </div>
      <h2>Deliveries</h2>
      {props.deliveries.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <DataTable
          caption="Deliveries, newest first"
          columns={['Event', 'Idempotency key', 'Attempts', 'Status', 'Next attempt', 'Last answer']}
        >
          {props.deliveries.map((d) => (
            <tr>
              <td>{d.event}</td>
              <td>
                <code>{d.idempotencyKey}</code>
              </td>
              <td>{d.attempts}</td>
              <td>{d.status}</td>
              <td>{d.status === 'delivered' ? '—' : <When at={d.nextAttemptAt} timeZone={props.timeZone} />}</td>
              <td>
                {!d.lastAttemptAt ? (
                  'Not tried yet'
                ) : d.lastResponse ? (
                  // Folded, so a long answer does not make every row of the table tall.
                  <details>
                    <summary>{d.lastStatusCode ?? 'No answer'}</summary>
                    <span class="text">{d.lastResponse}</span>
                  </details>
                ) : (
                  (d.lastStatusCode ?? 'No answer')
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.pages > 1 ? (
        <nav class="pagination" aria-label="Pages of deliveries">
          {props.page > 1 ? <a href={`${base}?page=${props.page - 1}`}>← Newer</a> : null}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages ? <a href={`${base}?page=${props.page + 1}`}>Older →</a> : null}
        </nav>
      ) : null}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
