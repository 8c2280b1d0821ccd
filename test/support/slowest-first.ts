import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the longest test files first. On two cores two files run at a time;
 * a fresh clone (as in CI) has no timings from an earlier run, so Vitest
 * would order files by size, and a ten-thousand-case property test that
 * happened to start last ran alone for minutes at the end. Longest first
 * keeps both cores busy to the end. The list is a hint, not a rule: a file
 * missing from it only starts later, in Vitest's own order.
 */
const slowest = [
  // Real processes first, beside at most one busy property test each: a site started while four files burn both
  // cores took over 90 s to answer (ADR 065).
  'test/embedded-database.test.ts',
  'src/features/petitions/sign-form.property.test.ts',
  'test/process.test.ts',
  'src/features/supporters/signup-form.property.test.ts',
  'test/browser/workspace-screens-1.test.ts',
  'src/features/staff/forms.property.test.ts',
  'test/browser/public-pages.test.ts',
  'test/browser/workspace-screens-2.test.ts',
  'src/features/petitions/admin-forms.property.test.ts',
  'src/app/admin-access.test.ts',
  'test/browser/workspace-screens-3.test.ts',
  'src/features/content/forms.property.test.ts',
  'test/browser/events.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = slowest.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? slowest.length : at;
    };
    // Array.prototype.sort is stable: files off the list keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
