import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { SHARED_REFERENCE_DIR } from './demo.ts';

/** The reference copies the tests read, at ../shared/data from the project root (CI has them there too). */
export const sharedData = SHARED_REFERENCE_DIR;

/**
 * Tests that need ../shared/data. Where it is missing they are skipped with a
 * printed notice on a developer's machine, and fail in CI (or with
 * GROUNDSWELL_REQUIRE_ALL_SUITES) where a silent skip would hide a broken setup.
 */
export function describeWithSharedData(name: string, body: () => void): void {
  if (existsSync(join(sharedData, 'or-districts'))) {
    describe(name, body);
    return;
  }
  const reason =
    `reference data not found at ${sharedData} ` +
    '(the tests read ../shared/data beside the project, or GROUNDSWELL_REFERENCE_DIR)';
  if (process.env.CI || process.env.GROUNDSWELL_REQUIRE_ALL_SUITES) {
    describe(name, () => {
      it('finds the reference data', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  process.stdout.write(`Skipping "${name}": ${reason}\n`);
  describe.skip(name, body);
}
