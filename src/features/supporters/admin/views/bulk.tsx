import { BackLink } from '../../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';

/**
 * The page before tagging or untagging everyone in a list or segment: how many people, who they are in words, the
 * tag. It is the confirmation (ConfirmationPage has no field of its own); the number it shows goes with the form, and
 * a different number by the time it is sent shows this page again.
 */
export function BulkTagPage(props: {
  mode: 'tag' | 'untag';
  action: string;
  token: string;
  people: number;
  who: string[];
  scope: string;
  listHref: string;
  tag: string;
  tags: string[];
  errors: FieldErrors;
}) {
  const count = props.people === 1 ? '1 person' : `${props.people.toLocaleString('en-US')} people`;
  const tagging = props.mode === 'tag';
  return (
    <>
      <BackLink href={props.listHref}>Back to the list</BackLink>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{tagging ? `Tag ${count}` : `Remove a tag from ${count}`}</h1>
      <p>
        {tagging
          ? `The tag is added to each of the ${count} this list holds now; people who already have it keep it as it was.`
          : `The tag is removed from whichever of the ${count} this list holds now have it.`}{' '}
        The audit log records the tag and how many people, not who.
      </p>
      <p>They are the people matching:</p>
      <ul>
        {props.who.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
      <Form action={props.action} token={props.token}>
        <input type="hidden" name="scope" value={props.scope} />
        <input type="hidden" name="people" value={String(props.people)} />
        <Field
          name="tag"
          label={tagging ? 'Tag to add' : 'Tag to remove'}
          hint={
            tagging
              ? 'Lower-case letters, digits and hyphens, like “volunteer” or “2026-advocacy-day”.'
              : `Tags in use: ${props.tags.join(', ') || 'none'}.`
          }
          value={props.tag}
          error={props.errors.tag}
          maxlength={60}
        />
        <div class="button-group">
          <button type="submit" class={tagging ? 'button' : 'button danger'}>
            {tagging ? `Tag ${count}` : `Remove the tag from ${count}`}
          </button>
          <a href={props.listHref}>No, go back</a>
        </div>
      </Form>
    </>
  );
}
