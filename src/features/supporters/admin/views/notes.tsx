import { BackLink } from '../../../../platform/web/components.tsx';
import { ErrorSummary, Form, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { When } from '../../../../platform/web/when.tsx';
import type { SupporterNote } from '../../notes.ts';

/** Correcting one note: the words as they are (or as just typed, when refused), with who wrote it and when. */
export function EditNotePage(props: {
  personHref: string;
  personName: string;
  note: SupporterNote;
  value: string;
  token: string;
  errors: FieldErrors;
  timeZone: string;
}) {
  return (
    <>
      <BackLink href={`${props.personHref}#timeline`}>Back to {props.personName}</BackLink>
      <ErrorSummary errors={props.errors} title="The note was not saved" />
      <h1>Correct a note about {props.personName}</h1>
      <p>
        Written by {props.note.author ?? 'a former member of staff'},{' '}
        <When at={props.note.at} timeZone={props.timeZone} />. The timeline will say it was corrected; the audit log
        records that you changed it, never its words.
      </p>
      <Form action={`${props.personHref}/notes/${props.note.id}/edit`} token={props.token}>
        <TextArea name="note" label="Note" value={props.value} error={props.errors.note} maxlength={5000} rows={6} />
        <div class="button-group">
          <button type="submit" class="button">
            Save the note
          </button>
          <a href={`${props.personHref}#timeline`}>Cancel</a>
        </div>
      </Form>
    </>
  );
}
