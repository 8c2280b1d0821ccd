import { BackLink } from '../../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { consentAllows, type StoryRecord } from '../../story-records.ts';
import { storyName } from '../messages.ts';

function ActionButton(props: { action: string; token: string; label: string; fields?: Record<string, string> }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="button secondary">
        {props.label}
      </button>
    </Form>
  );
}

/** The ways a story may be signed under its consent: the first name only when one was given. */
export function signingChoices(story: StoryRecord): ('first-name' | 'anonymous')[] {
  return (['first-name', 'anonymous'] as const).filter(
    (as) => consentAllows(story.publishConsent, as) && (as === 'anonymous' || story.teller.name.trim() !== ''),
  );
}

/** What can be decided about the story as it stands; what changes the public site asks first on a page of its own. */
export function Decisions(props: { story: StoryRecord; token: string }) {
  const { story, token } = props;
  const base = `/admin/stories/${story.id}`;
  const published = story.status === 'published';
  return (
    <section aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Decisions</h2>
      {published ? (
        <p>
          <a class="button" href={`${base}/unpublish`}>
            Unpublish…
          </a>
        </p>
      ) : story.status === 'consent-asked' ? (
        <p>You asked the teller for consent again: nothing can be published until they answer.</p>
      ) : signingChoices(story).length === 0 ? (
        <p>The teller chose staff only: it cannot be published. You can ask them for consent again.</p>
      ) : (
        <p>
          <a class="button" href={`${base}/publish`}>
            Publish…
          </a>
        </p>
      )}
      {published ? null : (
        <div class="button-group">
          {story.status === 'kept' ? null : (
            <ActionButton action={`${base}/keep`} token={token} label="Keep for staff only" />
          )}
          {story.status === 'rejected' ? null : <ActionButton action={`${base}/reject`} token={token} label="Reject" />}
          <ActionButton action={`${base}/ask-consent`} token={token} label="Ask for consent again" />
        </div>
      )}
      <h3>Testimony packet</h3>
      {story.testimonyConsent ? (
        <ActionButton
          action={`${base}/testimony`}
          token={token}
          label={story.forTestimony ? 'Take out of the testimony packet' : 'Add to the testimony packet'}
          fields={{ forTestimony: story.forTestimony ? 'no' : 'yes' }}
        />
      ) : (
        <p>The teller did not agree to testimony: it cannot go in the packet.</p>
      )}
      <div class="danger-zone">
        <h3>Delete</h3>
        <p>Deleting erases the story and the teller’s details for good, as a teller may ask.</p>
        <p>
          <a class="button danger" href={`${base}/delete`}>
            Delete this story…
          </a>
        </p>
      </div>
    </section>
  );
}

/**
 * The publishing question: how it is signed (only the ways the consent allows), what the public will see, and,
 * when the teller asked to be contacted first, a box to tick that they were. As the workspace's confirmation page,
 * but with fields inside its form, which ConfirmationPage has no place for.
 */
export function PublishConfirmation(props: {
  story: StoryRecord;
  token: string;
  errors: FieldErrors;
  chosen: string;
  contacted: boolean;
}) {
  const { story } = props;
  const base = `/admin/stories/${story.id}`;
  const choices = signingChoices(story);
  const first = story.teller.name.trim().split(/\s+/)[0] ?? '';
  const title = `Publish ${storyName(story.publicId)}?`;
  const unchanged = story.redacted !== null && story.redacted.trim() === story.original.trim();
  return (
    <div class="confirmation">
      <BackLink href={base}>Back</BackLink>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{title}</h1>
      {story.contactBeforePublishing ? (
        <p class="notice" role="note">
          <strong>The teller asked to be contacted before publishing.</strong> Publish only once you have spoken with
          them.
        </p>
      ) : null}
      <ul>
        <li>It goes on the public site at once, under the title “{story.title ?? ''}”, in the version you edited.</li>
        <li>The original and the teller’s details stay private.</li>
        <li>You can unpublish it later.</li>
      </ul>
      {unchanged ? (
        <p class="notice" role="note">
          The text to publish is the same as the original: check that no name or place could identify anyone.
        </p>
      ) : null}
      <Form action={`${base}/publish`} token={props.token}>
        <fieldset
          class={props.errors.publishedAs ? 'field field-error' : 'field'}
          id="publishedAs"
          aria-describedby={props.errors.publishedAs ? 'publishedAs-error' : undefined}
        >
          <legend>Sign it</legend>
          {props.errors.publishedAs ? (
            <p class="error-message" id="publishedAs-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.publishedAs}
            </p>
          ) : null}
          {choices.map((as) => (
            <div class="checkbox">
              <input
                type="radio"
                id={`publishedAs-${as}`}
                name="publishedAs"
                value={as}
                checked={props.chosen === as || choices.length === 1}
              />
              <label for={`publishedAs-${as}`}>
                {as === 'first-name' ? `With their first name (${first})` : 'With no name (anonymous)'}
              </label>
            </div>
          ))}
        </fieldset>
        {story.contactBeforePublishing ? (
          <div class={props.errors.contacted ? 'field field-error' : undefined}>
            {props.errors.contacted ? (
              <p class="error-message" id="contacted-error">
                <span class="visually-hidden">Error: </span>
                {props.errors.contacted}
              </p>
            ) : null}
            <Checkbox name="contacted" label="We contacted them, as they asked" checked={props.contacted} />
          </div>
        ) : null}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-group">
          <button type="submit" class="button">
            Yes, publish it
          </button>
          <a href={base}>No, go back</a>
        </div>
      </Form>
    </div>
  );
}
