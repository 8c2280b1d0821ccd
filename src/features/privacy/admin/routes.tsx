import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { fieldErrors } from '../../../platform/web/forms.tsx';
import {
  appealDecisionInput,
  appealInput,
  decideAppeal,
  decideRequest,
  decisionInput,
  getRequest,
  listFilters,
  listRequests,
  recordAppeal,
  type ListFilter,
} from '../decisions.ts';
import { privacyPermissions } from '../permissions.ts';
import { RequestListPage, RequestPage, type DecisionValues } from './views.tsx';

const id = ':id{[0-9]{1,9}}';

/** /admin/privacy: the request log, one request, and staff's decisions on it (ADR 068). Admins only. */
export function privacyAdminRoutes(deps: { db: Db; frame: AdminFrame }): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(privacyPermissions.view));

  app.get('/', async (c) => {
    const asked = c.req.query('status');
    const filter: ListFilter = listFilters.includes(asked as ListFilter) ? (asked as ListFilter) : 'waiting';
    return frame.render(c, {
      title: 'Privacy requests',
      current: 'privacy',
      body: (
        <RequestListPage
          requests={await listRequests(db, filter)}
          filter={filter}
          timeZone={await frame.timeZone()}
          now={new Date()}
        />
      ),
    });
  });

  const screen = async (
    c: Context<AdminEnv>,
    failed?: {
      form: 'decision' | 'appeal' | 'appeal-decision';
      values: DecisionValues;
      errors: Record<string, string | undefined>;
    },
  ) => {
    const request = await getRequest(db, Number(c.req.param('id')));
    if (!request) return c.notFound();
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Privacy request ${request.id}`,
      current: 'privacy',
      status: failed ? 400 : 200,
      body: (
        <RequestPage
          request={request}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
          now={new Date()}
          values={failed?.values}
          errors={failed?.errors}
          failed={failed?.form}
        />
      ),
    });
  };

  app.get(`/${id}`, (c) => screen(c));

  /** One of the screen's three forms: parse, decide, then back to the screen (or the form again, as typed). */
  function decision<S extends z.ZodType>(
    path: 'decision' | 'appeal' | 'appeal-decision',
    schema: S,
    act: (id: number, input: z.output<S>, c: Context<AdminEnv>) => Promise<'done' | 'not-found' | 'wrong-state'>,
  ) {
    app.post(`/${id}/${path}`, frame.allow(privacyPermissions.decide), async (c) => {
      const body = await c.req.parseBody();
      const values: DecisionValues = Object.fromEntries(
        Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'),
      );
      const parsed = schema.safeParse(values);
      if (!parsed.success) return screen(c, { form: path, values, errors: fieldErrors(parsed.error.issues) });
      const outcome = await act(Number(c.req.param('id')), parsed.data, c);
      if (outcome === 'not-found') return c.notFound();
      const notice = outcome === 'done' ? 'saved' : 'changed-meanwhile';
      return c.redirect(`/admin/privacy/${c.req.param('id')}?notice=${notice}`, 303);
    });
  }
  decision('decision', decisionInput, (id, input, c) => decideRequest(db, id, input, frame.actor(c)));
  decision('appeal', appealInput, (id, input, c) => recordAppeal(db, id, input, frame.actor(c)));
  decision('appeal-decision', appealDecisionInput, (id, input, c) => decideAppeal(db, id, input, frame.actor(c)));

  return app;
}
