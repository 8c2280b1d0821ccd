import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { isPlainText } from '../../../platform/plain-text.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { getSiteSettings } from '../../content/service.ts';
import {
  addBlock,
  getSigningLimits,
  limitsInput,
  listBlocks,
  parseBlock,
  removeBlock,
  trending,
  updateSigningLimits,
} from '../abuse.ts';
import { readForm, type PetitionAdminDeps } from './http.ts';
import { petitionPermissions } from '../permissions.ts';
import { blockKinds } from '../schema.ts';
import { AbusePage, type AbuseValues } from './views/abuse.tsx';

/** Rates, blocks and what is trending; mounted at /admin/petitions/abuse. */
export function abuseRoutes(deps: PetitionAdminDeps): Hono<AdminEnv> {
  const { db, frame, secrets } = deps;
  const changed = () => deps.live?.guard.forget();
  const app = new Hono<AdminEnv>();
  app.use(frame.allow(petitionPermissions.manageAbuse));

  const page = async (c: Context<AdminEnv>, values: AbuseValues = {}, errors: FieldErrors = {}, status = 200) => {
    const [limits, blocks, now, settings] = await Promise.all([
      getSigningLimits(db),
      listBlocks(db),
      trending(db),
      getSiteSettings(db),
    ]);
    return frame.render(c, {
      title: `${Object.keys(errors).length > 0 ? 'Error: ' : ''}Petition abuse controls`,
      current: 'petitions',
      status,
      body: (
        <AbusePage
          limits={limits}
          blocks={blocks}
          trending={now}
          token={frame.csrfToken(c)}
          timeZone={settings.timeZone}
          values={values}
          errors={errors}
        />
      ),
    });
  };

  const fields = async (c: Context<AdminEnv>) => {
    const form = await readForm(c);
    const out: Record<string, string> = {};
    for (const [k, v] of form) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
    return out;
  };

  app.get('/', (c) => page(c));

  app.post('/limits', async (c) => {
    const f = await fields(c);
    const values = { perIpBurst: f.perIpBurst ?? '', perIpPerHour: f.perIpPerHour ?? '' };
    const parsed = limitsInput.safeParse(values);
    if (!parsed.success) return page(c, values, fieldErrors(parsed.error.issues), 422);
    await updateSigningLimits(db, parsed.data, frame.actor(c));
    changed();
    return c.redirect('/admin/petitions/abuse?notice=saved', 303);
  });

  app.post('/blocks', async (c) => {
    const f = await fields(c);
    const note = f.kind === 'ip' ? (f.ipNote ?? f.note) : (f.domainNote ?? f.note);
    const parsed = parseBlock({ kind: f.kind, ip: f.ip, ipHash: f.ipHash, domain: f.domain, note }, secrets);
    if (!parsed.ok)
      return page(c, { ip: f.ip, domain: f.domain, ipNote: f.ipNote, domainNote: f.domainNote }, parsed.errors, 422);
    await addBlock(db, parsed, frame.actor(c));
    changed();
    return c.redirect('/admin/petitions/abuse?notice=saved', 303);
  });

  app.post('/blocks/remove', async (c) => {
    const f = await fields(c);
    const kind = blockKinds.find((k) => k === f.kind);
    // A value that is not plain text matches no block (and a NUL would reach PostgreSQL).
    if (!kind || !f.value || !isPlainText(f.value))
      return page(c, {}, { form: 'That block was not found: it may have been removed already' }, 400);
    await removeBlock(db, kind, f.value, frame.actor(c));
    changed();
    return c.redirect('/admin/petitions/abuse?notice=saved', 303);
  });

  return app;
}
