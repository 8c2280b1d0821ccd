import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import {
  readStoryForStaff,
  saveStoryEdit,
  saveTranslation,
  storyQueue,
  type ModerationOutcome,
} from '../moderation.ts';
import { storyPermissions } from '../permissions.ts';
import { storyStatuses, type StoryStatus } from '../schema.ts';
import { decisionRoutes } from './decision-routes.tsx';
import type { StoryAdminDeps } from './deps.ts';
import { storyName } from './messages.ts';
import {
  editValues,
  parseEdit,
  parseTranslation,
  translationValues,
  typedValues,
  type FormValues,
} from './story-form.ts';
import { QueueView } from './views/queue.tsx';
import { StoryView } from './views/story.tsx';

const idParam = ':id{[0-9]{1,9}}';

/**
 * /admin/stories: the moderation queue and one story's screen (ADR 063). Every route needs stories access; every
 * change needs stories access and a role that writes. Opening a story is a read the audit log records.
 */
export function moderationRoutes(deps: StoryAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(storyPermissions.read));
  const moderate = frame.allow(storyPermissions.moderate);

  app.get('/', async (c) => {
    const state = c.req.query('state');
    const language = c.req.query('language');
    // New stories are the queue; "all" (or a stale, made-up state) shows every state.
    const status: StoryStatus | undefined = state ? storyStatuses.find((s) => s === state) : 'new';
    const locale: Locale | undefined = language === 'en' || language === 'es' ? language : undefined;
    const filter = { status, locale };
    const queue = await storyQueue(db, filter);
    return frame.render(c, {
      title: 'Stories',
      current: 'stories',
      body: <QueueView {...queue} filter={filter} timeZone={await frame.timeZone()} done={c.req.query('done')} />,
    });
  });

  /** The story's screen, its forms as given (a refusal's values and messages) or as the story stands. */
  async function storyScreen(
    c: Context<AdminEnv>,
    state: {
      edit?: { values: FormValues; errors: FieldErrors };
      translation?: { values: FormValues; errors: FieldErrors };
      refusal?: string | undefined;
      status?: number;
    } = {},
  ) {
    const story = await readStoryForStaff(deps, Number(c.req.param('id')), frame.actor(c));
    if (!story) return c.notFound();
    const failed = Object.keys({ ...state.edit?.errors, ...state.translation?.errors }).length > 0;
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${storyName(story.publicId)}`,
      current: 'stories',
      status: state.status ?? (failed ? 400 : 200),
      body: (
        <StoryView
          story={story}
          edit={state.edit ?? { values: editValues(story), errors: {} }}
          translation={state.translation ?? { values: translationValues(story), errors: {} }}
          canModerate={storyPermissions.moderate(c.get('staff')!)}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
          done={c.req.query('done')}
          refusal={state.refusal}
        />
      ),
    });
  }

  app.get(`/${idParam}`, (c) => storyScreen(c));

  /** After a change: the public pages afresh when it showed there, then back to the story with what happened. */
  function afterChange(c: Context<AdminEnv>, outcome: ModerationOutcome, done: string) {
    if (!outcome.ok) return undefined;
    if (outcome.wasPublished) deps.cache.invalidate();
    return c.redirect(`/admin/stories/${c.req.param('id')}?done=${done}#to-publish`, 303);
  }

  app.post(`/${idParam}`, moderate, async (c) => {
    const body = await readForm(c);
    const values = typedValues((name) => formText(body, name));
    const { edit, errors } = parseEdit(values);
    if (!edit) return storyScreen(c, { edit: { values, errors } });
    const outcome = await saveStoryEdit(deps, Number(c.req.param('id')), edit, frame.actor(c));
    return afterChange(c, outcome, 'saved') ?? c.notFound();
  });

  app.post(`/${idParam}/translation`, moderate, async (c) => {
    const body = await readForm(c);
    const values = typedValues((name) => formText(body, name), true);
    const { translation, errors } = parseTranslation(values);
    if (!translation) return storyScreen(c, { translation: { values, errors } });
    const outcome = await saveTranslation(deps, Number(c.req.param('id')), translation, frame.actor(c));
    return afterChange(c, outcome, 'translated') ?? c.notFound();
  });

  app.route('/', decisionRoutes(deps, { storyScreen, moderate }));
  return app;
}
