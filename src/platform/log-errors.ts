/**
 * How an error appears in a log line. A database error's message, detail and
 * statement can hold the values a statement carried (Drizzle's
 * DrizzleQueryError prints its parameters: a failed sign-up's email, names and
 * ZIP; PostgreSQL's "Key (email)=(…) already exists" and a trigger's RAISE
 * quote them too). Such an error is described only by what names the failure:
 * its SQLSTATE and the constraint, table and column involved. Every error in
 * the `cause` chain is described the same way.
 */

/** What PostgreSQL (and PGlite, which speaks its protocol) reports that names a failure without quoting data. */
const databaseFields = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;

export type LoggedError = {
  type: string;
  message?: string;
  stack?: string;
  code?: string;
  cause?: LoggedError;
  [field: string]: unknown;
};

const sqlState = /^[0-9A-Z]{5}$/;

/** A statement's failure as the driver or Drizzle reports it, whose text may quote the statement's values. */
export function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  if ('params' in fields && 'query' in fields) return true;
  return typeof fields.code === 'string' && sqlState.test(fields.code) && typeof fields.severity === 'string';
}

function chainHasDatabaseError(error: Error): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if (isDatabaseError(e)) return true;
  }
  return false;
}

/** A line's message for an error logged without one: never a database error's text. */
export function safeErrorMessage(error: Error): string {
  if (!chainHasDatabaseError(error)) return error.message;
  // The SQLSTATE is on the driver's error, usually the last of the chain.
  let code: string | undefined;
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && sqlState.test(c)) code = c;
  }
  return code ? `database error ${code}` : 'database error';
}

/** The stack's frames without its first lines, which repeat the message. */
function framesOnly(error: Error, type: string): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [type, ...frames].join('\n');
}

/**
 * pino's `err` serializer. When any error in the chain failed in the database,
 * no message in the chain is written: a wrapper's message often repeats its cause's.
 */
export function describeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return describeOne(value, chainHasDatabaseError(value), 0);
}

function describeOne(value: unknown, quiet: boolean, depth: number): LoggedError | undefined {
  if (!(value instanceof Error)) return quiet ? undefined : { type: typeof value, message: String(value) };
  const error = value as Error & Record<string, unknown>;
  const described: LoggedError = { type: error.constructor?.name || error.name };
  if (typeof error.code === 'string' || typeof error.code === 'number') described.code = String(error.code);
  if (isDatabaseError(error)) {
    for (const field of databaseFields) if (typeof error[field] === 'string') described[field] = error[field];
  }
  if (quiet) described.stack = framesOnly(error, described.type);
  else {
    described.message = error.message;
    described.stack = error.stack;
  }
  // Ten causes deep is more than any driver nests; a cycle stops there too.
  if (error.cause !== undefined && depth < 10) {
    const cause = describeOne(error.cause, quiet, depth + 1);
    if (cause) described.cause = cause;
  }
  return described;
}
