import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { askForConsentAgain } from '../consent.ts';
import { deleteStory } from '../erasure.ts';
import {
  keepStory,
  publishStory,
  readStoryForStaff,
  refusals,
  rejectStory,
  setForTestimony,
  storyFacts,
  unpublishStory,
  type ModerationOutcome,
} from '../moderation.ts';
import type { StoryRecord } from '../story-records.ts';
import type { StoryAdminDeps } from './deps.ts';
import { formMessages, storyName } from './messages.ts';
import { PublishConfirmation, signingChoices } from './views/decisions.tsx';

const idParam = ':id{[0-9]{1,9}}';

/** The story's screen with a decision's refusal at the top (moderation.tsx renders it). */
export type StoryScreenRenderer = (
  c: Context<AdminEnv>,
  state?: { refusal?: string | undefined; status?: number },
) => Promise<Response>;

/** Why this story cannot be published now, or undefined: said before the question is even asked. */
function publishRefusal(story: StoryRecord): string | undefined {
  if (story.status === 'published') return refusals.published;
  if (story.status === 'consent-asked') return refusals.asked;
  if (signingChoices(story).length === 0) return refusals.staffOnly;
  if (!story.title?.trim() || !story.redacted?.trim()) return refusals.notReady;
  return undefined;
}

/**
 * The decisions on one story (/admin/stories/:id/…): publish and delete each ask first on a page of their own, as
 * does unpublish; keeping, rejecting, asking for consent again and the testimony packet are single buttons. Every
 * one needs stories access and a role that writes; the service checks the consent again as it publishes.
 */
export function decisionRoutes(
  deps: StoryAdminDeps,
  shared: { storyScreen: StoryScreenRenderer; moderate: MiddlewareHandler<AdminEnv> },
): Hono<AdminEnv> {
  const { db, frame } = deps;
  const { storyScreen, moderate } = shared;
  const app = new Hono<AdminEnv>();
  const idOf = (c: Context<AdminEnv>) => Number(c.req.param('id'));

  /** Onward after a decision: a refusal is the story again with why; the public pages afresh if they showed it. */
  function after(c: Context<AdminEnv>, outcome: ModerationOutcome, done: string, touchesPublic = false) {
    if (!outcome.ok)
      return outcome.problem === 'gone' ? c.notFound() : storyScreen(c, { refusal: outcome.message, status: 409 });
    if (outcome.wasPublished || touchesPublic) deps.cache.invalidate();
    return c.redirect(`/admin/stories/${idOf(c)}?done=${done}`, 303);
  }

  async function askPublish(
    c: Context<AdminEnv>,
    form: { errors: FieldErrors; chosen: string; contacted: boolean } = { errors: {}, chosen: '', contacted: false },
  ) {
    const story = await readStoryForStaff(deps, idOf(c), frame.actor(c));
    if (!story) return c.notFound();
    const refusal = publishRefusal(story);
    if (refusal) return storyScreen(c, { refusal, status: 409 });
    const failed = Object.keys(form.errors).length > 0;
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Publish ${storyName(story.publicId)}?`,
      current: 'stories',
      status: failed ? 400 : 200,
      body: <PublishConfirmation story={story} token={frame.csrfToken(c)} {...form} />,
    });
  }

  app.get(`/${idParam}/publish`, moderate, (c) => askPublish(c));
  app.post(`/${idParam}/publish`, moderate, async (c) => {
    const body = await readForm(c);
    const chosen = formText(body, 'publishedAs');
    const contacted = formText(body, 'contacted') === 'on';
    if (formText(body, 'confirmed') !== 'yes') return askPublish(c);
    const facts = await storyFacts(db, idOf(c));
    if (!facts) return c.notFound();
    const errors: FieldErrors = {};
    if (chosen !== 'first-name' && chosen !== 'anonymous') errors.publishedAs = formMessages.signAs;
    if (facts.contactBeforePublishing && !contacted) errors.contacted = formMessages.contacted;
    if (Object.keys(errors).length > 0) return askPublish(c, { errors, chosen, contacted });
    const outcome = await publishStory(deps, idOf(c), chosen as 'first-name' | 'anonymous', frame.actor(c));
    return after(c, outcome, 'published', true);
  });

  const askUnpublish = async (c: Context<AdminEnv>) => {
    const facts = await storyFacts(db, idOf(c));
    if (!facts) return c.notFound();
    if (facts.status !== 'published') return c.redirect(`/admin/stories/${facts.id}`, 303);
    const title = `Unpublish ${storyName(facts.publicId)}?`;
    return frame.render(c, {
      title,
      current: 'stories',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            'It leaves the public site at once, and any link to it finds nothing.',
            'It stays here, kept for staff, with the version you edited; you can publish it again.',
          ]}
          action={`/admin/stories/${facts.id}/unpublish`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, unpublish it"
          cancelHref={`/admin/stories/${facts.id}`}
          destructive
        />
      ),
    });
  };
  app.get(`/${idParam}/unpublish`, moderate, askUnpublish);
  app.post(`/${idParam}/unpublish`, moderate, async (c) => {
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askUnpublish(c);
    return after(c, await unpublishStory(deps, idOf(c), frame.actor(c)), 'unpublished', true);
  });

  app.post(`/${idParam}/keep`, moderate, async (c) => after(c, await keepStory(deps, idOf(c), frame.actor(c)), 'kept'));
  app.post(`/${idParam}/reject`, moderate, async (c) =>
    after(c, await rejectStory(deps, idOf(c), frame.actor(c)), 'rejected'),
  );

  app.post(`/${idParam}/ask-consent`, moderate, async (c) => {
    const facts = await storyFacts(db, idOf(c));
    if (!facts) return c.notFound();
    if (facts.status === 'published') return storyScreen(c, { refusal: refusals.published, status: 409 });
    const outcome = await askForConsentAgain(deps, facts.id, frame.actor(c));
    if (outcome === 'gone') return c.notFound();
    return c.redirect(`/admin/stories/${facts.id}?done=${outcome === 'asked' ? 'consent-asked' : outcome}`, 303);
  });

  app.post(`/${idParam}/testimony`, moderate, async (c) => {
    const wanted = formText(await readForm(c), 'forTestimony');
    if (wanted !== 'yes' && wanted !== 'no')
      return storyScreen(c, { refusal: formMessages.testimonyChoice, status: 400 });
    const outcome = await setForTestimony(deps, idOf(c), wanted === 'yes', frame.actor(c));
    return after(c, outcome, wanted === 'yes' ? 'testimony-in' : 'testimony-out');
  });

  const askDelete = async (c: Context<AdminEnv>) => {
    const facts = await storyFacts(db, idOf(c));
    if (!facts) return c.notFound();
    const title = `Delete ${storyName(facts.publicId)}?`;
    return frame.render(c, {
      title,
      current: 'stories',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            'The story, the version you edited, any translation and the teller’s details are erased for good.',
            facts.status === 'published'
              ? 'It is published: it leaves the public site at once.'
              : 'It is not on the public site.',
            'The audit log keeps only that it was deleted, by whom and when.',
          ]}
          action={`/admin/stories/${facts.id}/delete`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, delete it for good"
          cancelHref={`/admin/stories/${facts.id}`}
          destructive
        />
      ),
    });
  };
  app.get(`/${idParam}/delete`, moderate, askDelete);
  app.post(`/${idParam}/delete`, moderate, async (c) => {
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askDelete(c);
    const facts = await storyFacts(db, idOf(c));
    if (!facts || !(await deleteStory(deps, facts.id, frame.actor(c)))) return c.notFound();
    // Other processes see publicStoriesStamp move; this one drops its pages at once.
    if (facts.status === 'published') deps.cache.invalidate();
    return c.redirect('/admin/stories?done=deleted', 303);
  });

  return app;
}
