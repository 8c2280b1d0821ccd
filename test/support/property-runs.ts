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
