import { Hono, type Context } from 'hono';
import type { Secrets } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { apiKeyInput, createApiKey, getApiKey, listApiKeys, revokeApiKey } from '../keys.ts';
import { apiPermissions } from '../permissions.ts';
import { apiScopes } from '../schema.ts';
import { ApiKeysPage, NewKeyPage, type KeyFormValues } from './views.tsx';

/** API keys, mounted at /admin/api-keys: admins make keys (shown once) and revoke them (ADR 073). */
export function apiKeyAdminRoutes(deps: { db: Db; frame: AdminFrame; secrets: Secrets }): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(apiPermissions.manageKeys));

  const show = async (c: Context<AdminEnv>, typed?: KeyFormValues, errors: FieldErrors = {}) => {
    const failed = Object.values(errors).some(Boolean);
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}API keys`,
      current: 'api-keys',
      status: failed ? 400 : 200,
      body: (
        <ApiKeysPage
          keys={await listApiKeys(db)}
          values={typed ?? { name: '', scopes: [] }}
          errors={errors}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
          notice={c.req.query('notice') === 'revoked' ? 'revoked' : undefined}
        />
      ),
    });
  };

  app.get('/', (c) => show(c));

  app.post('/', async (c) => {
    const form = await readForm(c);
    const typed: KeyFormValues = {
      name: formText(form, 'name'),
      scopes: apiScopes.filter((s) => formText(form, `scope-${s}`) === 'on'),
    };
    const parsed = apiKeyInput.safeParse(typed);
    if (!parsed.success) return show(c, typed, fieldErrors(parsed.error.issues));
    const { key, token } = await createApiKey(db, deps.secrets, parsed.data, frame.actor(c));
    // The token is in this one answer only: never cached, never in a URL.
    c.header('Cache-Control', 'no-store');
    return frame.render(c, {
      title: `The key ${key.name}`,
      current: 'api-keys',
      body: <NewKeyPage apiKey={key} token={token} />,
    });
  });

  const keyOf = async (c: Context<AdminEnv>) => {
    const id = Number(c.req.param('id'));
    return id > 0 ? getApiKey(db, id) : undefined;
  };

  app.get('/:id{[0-9]{1,9}}/revoke', async (c) => {
    const key = await keyOf(c);
    if (!key || key.revokedAt) return c.redirect('/admin/api-keys', 303);
    return frame.render(c, {
      title: `Revoke the API key ${key.name}?`,
      current: 'api-keys',
      body: (
        <ConfirmationPage
          title={`Revoke the API key ${key.name}?`}
          consequences={[
            'Whatever uses this key stops working at once: its next request is refused.',
            'A revoked key cannot be turned back on; you can make a new one.',
          ]}
          action={`/admin/api-keys/${key.id}/revoke`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, revoke it"
          cancelHref="/admin/api-keys"
          destructive
        />
      ),
    });
  });

  app.post('/:id{[0-9]{1,9}}/revoke', async (c) => {
    const key = await keyOf(c);
    const form = await readForm(c);
    if (key && formText(form, 'confirmed') === 'yes') await revokeApiKey(db, key.id, frame.actor(c));
    return c.redirect(key ? '/admin/api-keys?notice=revoked' : '/admin/api-keys', 303);
  });

  return app;
}
