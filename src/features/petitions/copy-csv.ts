/**
 * What it takes to have PostgreSQL write the signature export's CSV with
 * `COPY (…) TO STDOUT (FORMAT csv)` and still give the file's exact bytes
 * (ADR 023's addendum). The statement (export.ts exportStatement) already
 * gives each cell as csvField would before quoting: the formula guard's
 * apostrophe, and NULL for an empty cell, because COPY writes an empty
 * string as "" but NULL as nothing. COPY's quoting is csvField's: a field
 * is quoted when it holds a comma, a quote, CR or LF, and quotes are
 * doubled. What COPY cannot do is end rows with CRLF; CrlfRowEnds does.
 *
 * Imports nothing but Node's stream: the export process loads this.
 */
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * COPY's CSV with its row ends turned from LF into CRLF. A line break inside
 * a quoted field is part of the field and stays as it is: since COPY quotes
 * every field holding a quote and doubles the quotes inside, each quote
 * character enters or leaves a quoted field (a doubled one leaves and
 * enters again), so counting them tells a row's end from a field's line
 * break, across chunk edges too. Two native byte searches a row.
 */
export class CrlfRowEnds extends Transform {
  private inField = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const rowEnds: number[] = [];
    let quote = chunk.indexOf(QUOTE);
    let lf = chunk.indexOf(LF);
    let pos = 0;
    for (;;) {
      if (this.inField) {
        if (quote === -1) break;
        this.inField = false;
        pos = quote + 1;
        quote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      if (lf !== -1 && lf < pos) lf = chunk.indexOf(LF, pos);
      // A quote before the next LF, or after the last one in this chunk, opens a field.
      if (quote !== -1 && (lf === -1 || quote < lf)) {
        this.inField = true;
        pos = quote + 1;
        quote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      if (lf === -1) break;
      rowEnds.push(lf);
      pos = lf + 1;
    }
    if (rowEnds.length === 0) {
      done(null, chunk);
      return;
    }
    const out = Buffer.allocUnsafe(chunk.length + rowEnds.length);
    let from = 0;
    let at = 0;
    for (const lf of rowEnds) {
      at += chunk.copy(out, at, from, lf);
      out[at++] = CR;
      out[at++] = LF;
      from = lf + 1;
    }
    chunk.copy(out, at, from);
    done(null, out);
  }
}

/**
 * The statement as COPY takes it. COPY runs by the simple query protocol,
 * which has no parameters, so each $n becomes its value as a quoted literal
 * (pg's escapeLiteral: quotes and backslashes escaped). A quoted literal is
 * of unknown type until its place in the statement decides, as a parameter
 * is, so the statement means the same. Placeholders inside the statement's
 * own string literals or quoted names are left alone.
 */
export function copyStatement(
  statement: { sql: string; params: unknown[] },
  escapeLiteral: (value: string) => string,
): string {
  const inlined = statement.sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, n: string | undefined) => {
    if (n === undefined) return match;
    if (Number(n) > statement.params.length) throw new Error(`the statement has no parameter $${n}`);
    const value = statement.params[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    return escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
  });
  return `copy (${inlined}) to stdout with (format csv, encoding 'UTF8')`;
}
