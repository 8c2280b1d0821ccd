/**
 * How many cases a property test tries. CI runs the full count it was
 * written with; a developer's run tries fewer, so the loop run after every
 * change stays short. PROPERTY_RUNS overrides both: a number, or `full`.
 */
export function propertyRuns(full: number, local = Math.min(full, 300)): number {
  const asked = process.env.PROPERTY_RUNS;
  if (asked === 'full') return full;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.max(1, Number(asked));
  return process.env.CI === 'true' ? full : local;
}

/**
 * The cases a property test tries on one kind of database. PGlite is PostgreSQL itself, compiled to
 * WebAssembly: hostile values meet the same parser, types, collations and constraints on both, and
 * what differs (connections, pools, concurrency) is not what these tests vary. So the whole count
 * runs on PGlite, and a fifth of it (at least 10) on the PostgreSQL server, to show it answers
 * alike (ADR 054). PROPERTY_RUNS asks for the same count on both.
 */
export function runsOn(kind: 'pglite' | 'postgres', runs: number): number {
  if (kind === 'pglite' || process.env.PROPERTY_RUNS !== undefined) return runs;
  return Math.max(10, Math.ceil(runs / 5));
}
