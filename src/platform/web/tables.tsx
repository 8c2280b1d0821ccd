import type { Child } from 'hono/jsx';

/**
 * A table of rows, the same everywhere: a caption that names it (hidden
 * unless `showCaption`, since the heading above already says it to sighted
 * readers), one header cell per column with `scope="col"`, and the rows the
 * caller renders. `scroll` lets a wide table scroll sideways on a phone
 * instead of widening the page.
 */
export function DataTable(props: {
  caption: Child;
  columns: readonly Child[];
  showCaption?: boolean;
  scroll?: boolean;
  id?: string;
  children?: Child;
}) {
  const table = (
    <table class="table" id={props.id}>
      <caption class={props.showCaption ? undefined : 'visually-hidden'}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  return props.scroll ? <div class="table-scroll">{table}</div> : table;
}

/** A column heading read out by screen readers only, for a column of links or buttons. */
export function HiddenLabel(props: { children?: Child }) {
  return <span class="visually-hidden">{props.children}</span>;
}
