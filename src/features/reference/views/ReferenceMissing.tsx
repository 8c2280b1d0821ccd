import { Form } from '../../../platform/web/forms.tsx';

/**
 * On the workspace home while Oregon's reference data is not loaded: what
 * visitors miss meanwhile, and the button that loads it (or whom to ask).
 */
export function ReferenceMissing(props: { importing: boolean; mayLoad: boolean; csrfToken: string }) {
  return (
    <div class="notice" role="note" aria-labelledby="reference-missing">
      <h2 id="reference-missing">Oregon’s reference data is not loaded</h2>
      <p>
        Until Oregon’s legislators, districts and ZIP code areas are loaded, the district section of each petition is
        hidden from visitors: signers are not shown their district or legislators.
      </p>
      {props.importing ? (
        <p>
          It is loading now. <a href="/admin/reference">See how it is going</a>
        </p>
      ) : props.mayLoad ? (
        <Form action="/admin/reference/import" token={props.csrfToken}>
          <button type="submit" class="button">
            Load the reference data
          </button>
        </Form>
      ) : (
        <p>An admin can load it from the workspace.</p>
      )}
    </div>
  );
}
