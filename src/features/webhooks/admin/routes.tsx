import { Hono, type Context } from 'hono';
import type { Secrets } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { DELIVERIES_PER_PAGE, listDeliveries } from '../deliveries.ts';
import { endpointFormValues, endpointInput, type EndpointFormValues } from '../endpoint-inputs.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  pauseEndpoint,
  resumeEndpoint,
  rotateSecret,
  type Endpoint,
} from '../endpoints.ts';
import { webhookPermissions } from '../permissions.ts';
import { EndpointPage, SecretPage, WebhooksPage } from './views.tsx';

const ID = '/:id{[0-9]{1,9}}';
const empty: EndpointFormValues = { url: '', description: '', events: [] };

/**
 * The webhooks screen, mounted at /admin/webhooks: admins add endpoints (the secret shown once), pause, resume,
 * change the secret, delete, and read each endpoint's deliveries. `httpAllowed`: plain http to other machines, for a
 * site not in production.
 */
export function webhookAdminRoutes(deps: { db: Db; frame: AdminFrame; secrets: Secrets; httpAllowed: boolean }) {
  const { db, frame, secrets } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(webhookPermissions.view));
  const input = endpointInput({ httpAllowed: deps.httpAllowed });

  const list = async (c: Context<AdminEnv>, values = empty, errors: FieldErrors = {}) => {
    const failed = Object.values(errors).some(Boolean);
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Webhooks`,
      current: 'webhooks',
      status: failed ? 400 : 200,
      body: (
        <WebhooksPage
          endpoints={await listEndpoints(db)}
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          httpAllowed={deps.httpAllowed}
        />
      ),
    });
  };

  const secretShown = (c: Context<AdminEnv>, endpoint: Endpoint, secret: string, fresh: boolean) =>
    frame.render(c, {
      title: fresh ? 'Endpoint added' : 'New signing secret',
      current: 'webhooks',
      body: <SecretPage endpoint={endpoint} secret={secret} fresh={fresh} />,
    });

  const idOf = (c: Context<AdminEnv>) => Number(c.req.param('id'));

  app.get('/', (c) => list(c));

  app.post('/', frame.allow(webhookPermissions.change), async (c) => {
    const form = await readForm(c);
    const typed = endpointFormValues((name) => formText(form, name));
    const parsed = input.safeParse(typed);
    if (!parsed.success) return list(c, typed, fieldErrors(parsed.error.issues));
    const { id, secret } = await createEndpoint(db, secrets, parsed.data, frame.actor(c));
    return secretShown(c, (await getEndpoint(db, id))!, secret, true);
  });

  app.get(ID, async (c) => {
    const endpoint = await getEndpoint(db, idOf(c));
    if (!endpoint) return c.notFound();
    const asked = c.req.query('page') ?? '1';
    const wanted = /^[0-9]{1,6}$/.test(asked) ? Math.max(1, Number(asked)) : 1;
    let { rows, total } = await listDeliveries(db, endpoint.id, wanted);
    const pages = Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE));
    const page = Math.min(wanted, pages);
    if (page !== wanted) ({ rows, total } = await listDeliveries(db, endpoint.id, page));
    return frame.render(c, {
      title: endpoint.description,
      current: 'webhooks',
      body: (
        <EndpointPage
          endpoint={endpoint}
          deliveries={rows}
          page={page}
          pages={pages}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });

  const toggle = (change: typeof pauseEndpoint) => async (c: Context<AdminEnv>) => {
    const done = await change(db, idOf(c), frame.actor(c));
    if (!done) return c.notFound();
    return c.redirect(`/admin/webhooks/${idOf(c)}?notice=saved`, 303);
  };
  app.post(`${ID}/pause`, frame.allow(webhookPermissions.change), toggle(pauseEndpoint));
  app.post(`${ID}/resume`, frame.allow(webhookPermissions.change), toggle(resumeEndpoint));

  const confirmations = {
    rotate: (e: Endpoint) => ({
      title: `Change the signing secret of ${e.description}?`,
      consequences: [
        'A new secret is made and shown once. Deliveries from then on are signed with it alone.',
        'Until the receiving system has the new secret, it will refuse what it receives, and those deliveries ' +
          'are retried.',
      ],
      confirmLabel: 'Yes, change the secret',
      destructive: false,
    }),
    delete: (e: Endpoint) => ({
      title: `Delete the endpoint ${e.description}?`,
      consequences: [
        'Nothing more is sent to it, and its record of deliveries is deleted. This cannot be undone.',
        'The receiving system keeps what it already received.',
      ],
      confirmLabel: 'Yes, delete it',
      destructive: true,
    }),
  };

  const ask = async (c: Context<AdminEnv>, what: keyof typeof confirmations) => {
    const endpoint = await getEndpoint(db, idOf(c));
    if (!endpoint) return c.notFound();
    const words = confirmations[what](endpoint);
    return frame.render(c, {
      title: words.title,
      current: 'webhooks',
      body: (
        <ConfirmationPage
          {...words}
          action={`/admin/webhooks/${endpoint.id}/${what}`}
          token={frame.csrfToken(c)}
          cancelHref={`/admin/webhooks/${endpoint.id}`}
        />
      ),
    });
  };
  /** Without the confirmation page's answer nothing happens: a stray post only leads to the question. */
  const confirmed = async (c: Context<AdminEnv>) => formText(await readForm(c), 'confirmed') === 'yes';

  app.get(`${ID}/rotate`, frame.allow(webhookPermissions.change), (c) => ask(c, 'rotate'));
  app.post(`${ID}/rotate`, frame.allow(webhookPermissions.change), async (c) => {
    if (!(await confirmed(c))) return ask(c, 'rotate');
    const secret = await rotateSecret(db, secrets, idOf(c), frame.actor(c));
    const endpoint = await getEndpoint(db, idOf(c));
    if (!secret || !endpoint) return c.notFound();
    return secretShown(c, endpoint, secret, false);
  });

  app.get(`${ID}/delete`, frame.allow(webhookPermissions.change), (c) => ask(c, 'delete'));
  app.post(`${ID}/delete`, frame.allow(webhookPermissions.change), async (c) => {
    if (!(await confirmed(c))) return ask(c, 'delete');
    if (!(await deleteEndpoint(db, idOf(c), frame.actor(c)))) return c.notFound();
    return c.redirect('/admin/webhooks?notice=deleted', 303);
  });

  return app;
}
