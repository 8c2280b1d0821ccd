import type { Child } from 'hono/jsx';
import { BackLink } from './components.tsx';
import { Form } from './forms.tsx';

/**
 * The page that stands between a click and anything that affects the public
 * or many people: unpublishing, deleting, cancelling, sending. It says what
 * will happen in plain words (which page, how many people) before anything
 * does, and it is a plain form, so it works without JavaScript. The button
 * that goes ahead names the action; the way out is a link, never a second
 * button beside it that could be pressed by mistake.
 */
export function ConfirmationPage(props: {
  /** The question, naming the thing: "Unpublish the English page Advocacy Day?" */
  title: string;
  /** What will happen, one sentence each: who sees what change, how many people. */
  consequences: readonly string[];
  /** Where the confirmed form posts. */
  action: string;
  token: string;
  /** The button that goes ahead: "Yes, unpublish it", "Send to 3,214 people now". */
  confirmLabel: string;
  /** Where "No" leads: back to what the person was looking at. */
  cancelHref: string;
  cancelLabel?: string;
  /** Red for what cannot be undone or takes something away; the brand colour for a send. */
  destructive?: boolean;
  /** Values the confirmed form carries on (the language, a version number). */
  hidden?: Readonly<Record<string, string>>;
  children?: Child;
}) {
  return (
    <div class="confirmation">
      <BackLink href={props.cancelHref}>Back</BackLink>
      <h1>{props.title}</h1>
      {props.consequences.length === 1 ? (
        <p>{props.consequences[0]}</p>
      ) : (
        <ul>
          {props.consequences.map((sentence) => (
            <li>{sentence}</li>
          ))}
        </ul>
      )}
      {props.children}
      <Form action={props.action} token={props.token}>
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-group">
          <button type="submit" class={props.destructive ? 'button danger' : 'button'}>
            {props.confirmLabel}
          </button>
          <a href={props.cancelHref}>{props.cancelLabel ?? 'No, go back'}</a>
        </div>
      </Form>
    </div>
  );
}
