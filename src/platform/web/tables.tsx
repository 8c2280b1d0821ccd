import type { Child } from 'hono/jsx';

let captions = 0;

/**
 * A table of rows, the same everywhere: a caption that names it (hidden
 * unless `showCaption`, since the heading above already says it to sighted
 * readers), one header cell per column with `scope="col"`, and the rows the
 * caller renders. On a narrow screen a table scrolls sideways inside its own
 * box rather than widening the page; that box is a region named by the
 * caption and reachable with Tab, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function DataTable(props: {
  caption: Child;
  columns: readonly Child[];
  showCaption?: boolean;
  id?: string;
  children?: Child;
}) {
  return (
    <ScrollingTable caption={props.caption} showCaption={props.showCaption} id={props.id}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </ScrollingTable>
  );
}

/**
 * Facts about one thing, a label heading each row ("Status", "Opens"), as
 * GOV.UK's summary list. `attributes` are for a script that reads the table
 * (`data-progress`).
 */
export function SummaryTable(props: {
  caption: Child;
  rows: readonly (readonly [Child, Child])[];
  showCaption?: boolean;
  attributes?: Record<string, string>;
}) {
  return (
    <ScrollingTable caption={props.caption} showCaption={props.showCaption} attributes={props.attributes}>
      <tbody>
        {props.rows.map(([label, value]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function ScrollingTable(props: {
  caption: Child;
  showCaption?: boolean | undefined;
  id?: string | undefined;
  attributes?: Record<string, string> | undefined;
  children: Child;
}) {
  // Unique within a page, which is all aria-labelledby asks.
  const captionId = props.id ? `${props.id}-caption` : `table-caption-${++captions}`;
  return (
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabindex={0}>
      <table class="table" id={props.id} {...props.attributes}>
        <caption id={captionId} class={props.showCaption ? undefined : 'visually-hidden'}>
          {props.caption}
        </caption>
        {props.children}
      </table>
    </div>
  );
}

/** A column heading read out by screen readers only, for a column of links or buttons. */
export function HiddenLabel(props: { children?: Child }) {
  return <span class="visually-hidden">{props.children}</span>;
}
