import { Field, Select } from '../../../../platform/web/forms.tsx';
import { HOUSE_DISTRICTS, SENATE_DISTRICTS, type SegmentFilters } from '../../segment-filters.ts';
import { languageLabel, statusLabel, topicLabel } from './wording.ts';

/** One acting feature's filter: its key, its label and what may be chosen ("Signed the petition": the petitions). */
export type ActionChoices = { kind: string; label: string; choices: { id: number; title: string }[] };

/** Tags as checkboxes: a person with any of the ticked tags matches. */
export function TagChoices(props: { tags: string[]; chosen: string[] }) {
  if (props.tags.length === 0) return null;
  return (
    <fieldset class="field tag-choices">
      <legend>Tags</legend>
      <p class="hint">People with any of the ticked tags</p>
      <ul class="list-inline">
        {props.tags.map((tag, i) => (
          <li class="checkbox">
            <input type="checkbox" id={`tag-${i}`} name="tag" value={tag} checked={props.chosen.includes(tag)} />
            <label for={`tag-${i}`}>{tag}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => [String(i + 1), String(i + 1)] as const);

/** Districts and actions taken, folded away until wanted (open when one is set). */
export function MoreFilters(props: { filters: SegmentFilters; actions: ActionChoices[] }) {
  const f = props.filters;
  const open = f.senate !== undefined || f.house !== undefined || (f.actions?.length ?? 0) > 0;
  return (
    <details class="more-filters" open={open}>
      <summary>Districts and actions taken</summary>
      <fieldset>
        <legend>Districts</legend>
        <p class="hint">
          Supporters’ records keep no district: these find people who signed, RSVPed or wrote with an address in it.
        </p>
        <Select
          name="senate"
          label="Senate district"
          value={f.senate === undefined ? '' : String(f.senate)}
          options={[['', 'Any'], ...numbers(SENATE_DISTRICTS)]}
        />
        <Select
          name="house"
          label="House district"
          value={f.house === undefined ? '' : String(f.house)}
          options={[['', 'Any'], ...numbers(HOUSE_DISTRICTS)]}
        />
      </fieldset>
      {props.actions.map((a) => {
        const chosen = f.actions?.find((x) => x.kind === a.kind);
        return (
          <fieldset>
            <legend>{a.label}</legend>
            <Select
              name={a.kind}
              label="Which one"
              value={chosen ? String(chosen.id) : ''}
              options={[['', 'Any or none'], ...a.choices.map((c) => [String(c.id), c.title] as const)]}
            />
            <Field name={`${a.kind}From`} label="From (day)" type="date" value={chosen?.from} />
            <Field name={`${a.kind}To`} label="To (day, included)" type="date" value={chosen?.to} />
          </fieldset>
        );
      })}
    </details>
  );
}

/** The filters in words, for the segment list and the confirmation pages. */
export function describeFilters(f: SegmentFilters, actions: ActionChoices[]): string[] {
  const words: string[] = [];
  if (f.q) words.push(`name, email or ZIP containing “${f.q}”`);
  if (f.topic) words.push(`topic: ${topicLabel[f.topic]}`);
  if (f.status) words.push(`status: ${statusLabel[f.status].toLowerCase()}`);
  if (f.language) words.push(`language: ${languageLabel[f.language]}`);
  if (f.county) words.push(`county: ${f.county}`);
  if (f.tags?.length) words.push(`tagged ${f.tags.join(' or ')}`);
  if (f.senate !== undefined) words.push(`acted with an address in Senate district ${f.senate}`);
  if (f.house !== undefined) words.push(`acted with an address in House district ${f.house}`);
  for (const a of f.actions ?? []) {
    const source = actions.find((s) => s.kind === a.kind);
    const title = source?.choices.find((c) => c.id === a.id)?.title ?? `#${a.id}`;
    const when =
      a.from && a.to ? ` from ${a.from} to ${a.to}` : a.from ? ` since ${a.from}` : a.to ? ` until ${a.to}` : '';
    words.push(`${(source?.label ?? a.kind).toLowerCase()} “${title}”${when}`);
  }
  return words.length > 0 ? words : ['everyone on the list'];
}
