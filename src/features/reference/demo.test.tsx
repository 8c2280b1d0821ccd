import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { Logger } from '../../platform/logger.ts';
import { checkReferenceData } from './demo.ts';
import { referenceStatus } from './service.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';
import { ReferenceCredits } from './views/ReferenceCredits.tsx';

function recordingLogger() {
  const lines: string[] = [];
  const logger = {
    info: (line: string) => lines.push(`info ${line}`),
    warn: (line: string) => lines.push(`warn ${line}`),
  } as unknown as Logger;
  return { logger, lines };
}

describeWithSharedData('reference data at start-up', () => {
  describeEachDatabase('reference data at start-up', (database) => {
    const db = () => database().db;

    it(
      'says plainly that the roster is not loaded when there is nothing to load it from, ' + 'or it is not a demo',
      async () => {
        const { logger, lines } = recordingLogger();
        await checkReferenceData(db(), logger, { demo: true, dir: join(sharedData, 'not-here') });
        await checkReferenceData(db(), logger, { demo: false, dir: sharedData });
        expect(lines).toEqual([
          "info Oregon's legislator roster is not loaded; " +
            'load it in the workspace (/admin/reference) or with: ' +
            'npm run cli -- reference:import [--from DIR]',
          "info Oregon's legislator roster is not loaded; " +
            'load it in the workspace (/admin/reference) or with: ' +
            'npm run cli -- reference:import [--from DIR]',
        ]);
        expect((await referenceStatus(db())).legislators).toBe(0);
      },
    );

    it('loads ../shared/data once on a demo start, with one line, and is quiet afterwards', async () => {
      const { logger, lines } = recordingLogger();
      await checkReferenceData(db(), logger, { demo: true, dir: sharedData });
      await checkReferenceData(db(), logger, { demo: true, dir: sharedData });
      expect(lines).toEqual([
        `info reference data imported from ${sharedData}: 90 districts, 90 legislators, 430 ZIP areas`,
      ]);
      // One import of each dataset: districts, legislators, ZIP areas, committees.
      expect((await referenceStatus(db())).imports).toHaveLength(4);
    });
  });
});

it('credits Open States and the U.S. Census Bureau with plain links', () => {
  const en = String(<ReferenceCredits locale="en" />);
  expect(en).toContain('Legislators: <a href="https://openstates.org/">Open States</a> (public domain).');
  expect(en).toContain(
    'District boundaries and ZIP code areas: <a href="https://www.census.gov/">U.S. Census Bureau</a>.',
  );
  expect(String(<ReferenceCredits locale="es" />)).toContain(
    '<a href="https://www.census.gov/">Oficina del Censo de los EE. UU.</a>',
  );
});
