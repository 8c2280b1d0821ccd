import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtEntry, NODE_FLAGS } from '../../../test/support/processes.ts';
import { referenceImportRequest } from './cli.ts';
import { parseReference } from './import.ts';
import { NO_SIGNATURES, SHADES, shadeFor } from './map.ts';
import { districtNumber, parseZctaDistricts, readTable, ReferenceImportError } from './parse.ts';
import { isOregonZip } from './service.ts';
import { readLocalReference } from './sources.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

const root = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'groundswell-reference-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, builtEntry('cli'), 'reference:import', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A copy of ../shared/data with one file replaced, parsed as the import would. */
function importBroken(path: string, content: string): () => unknown {
  const dir = mkdtempSync(join(scratch, 'copy-'));
  cpSync(sharedData, dir, { recursive: true });
  writeFileSync(join(dir, path), content);
  return () => parseReference(readLocalReference(dir), new Date('2026-11-27T12:00:00Z'));
}

describe('Oregon ZIP codes and district codes', () => {
  it('takes exactly the 5-digit codes from 97001 to 97920', () => {
    for (const zip of ['97001', '97301', '97920']) expect(isOregonZip(zip)).toBe(true);
    for (const zip of ['97000', '97921', '99362', '89421', '9730', '973011', ' 97301', '9730a', ''])
      expect(isOregonZip(zip)).toBe(false);
  });

  it('unpads Census district codes and refuses the rest', () => {
    expect(['009', '030', '1', '060'].map(districtNumber)).toEqual(['9', '30', '1', '60']);
    expect(['ZZZ', '', ' ', '1a', undefined].map(districtNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads the Census layout of a ZCTA–district file, keeping only Oregon', () => {
    const census = [
      'OID_SLDU2024_20|GEOID_SLDU2024_20|GEOID_ZCTA5_20',
      '1|41009|97002',
      '2|41013|97002',
      '3|06009|96101',
      '4|41ZZZ|97365',
      '5|41009|',
      '',
    ].join('\n');
    expect(parseZctaDistricts('upper', census, 'census')).toEqual(new Map([['97002', ['9', '13']]]));
  });

  it('reads quoted fields, a byte-order mark, CRLF and blank lines as a spreadsheet writes them', () => {
    const copy = '\uFEFFCounty_FIPS,County\r\n41051,"Multnomah, the ""big"" one"\r\n\r\n41047,Marion\r\n';
    expect(readTable(copy, 'copy')).toEqual({
      columns: ['county_fips', 'county'],
      rows: [
        ['41051', 'Multnomah, the "big" one'],
        ['41047', 'Marion'],
      ],
    });
    expect(() => readTable('County_FIPS,County\n', 'empty.csv')).toThrow(/empty.csv: empty/);
    expect(() => readTable('a,b\n"open,1\n', 'broken.csv')).toThrow(ReferenceImportError);
  });

  it('shades districts with colours that keep 3:1 contrast against the page (WCAG 1.4.11)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) =>
      (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
    for (const colour of [...SHADES, NO_SIGNATURES]) {
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, '#f4f1ea')).toBeGreaterThanOrEqual(3);
    }
    for (let i = 1; i < SHADES.length; i++) expect(luminance(SHADES[i]!)).toBeLessThan(luminance(SHADES[i - 1]!));
    expect([0, 1, 50, 100].map((n) => shadeFor(n, 100))).toEqual([NO_SIGNATURES, SHADES[0], SHADES[2], SHADES[4]]);
  });
});

describe('reference:import flags', () => {
  it('needs a folder after --from, and URLs for the hosts', () => {
    expect(() => referenceImportRequest({ from: 'true' })).toThrow('--from needs a folder, e.g. --from ../shared/data');
    expect(() => referenceImportRequest({ from: join(scratch, 'nowhere') })).toThrow(
      `Reference data folder not found: ${join(scratch, 'nowhere')}`,
    );
    expect(() => referenceImportRequest({ 'census-url': 'www2.census.gov' })).toThrow(
      '--census-url must be an http(s) URL, got "www2.census.gov"',
    );
    expect(referenceImportRequest({}, { REFERENCE_CENSUS_URL: 'http://mirror.example/census' })).toEqual({
      download: { censusUrl: 'http://mirror.example/census', openstatesUrl: undefined },
    });
    expect(
      referenceImportRequest(
        { 'openstates-url': 'http://127.0.0.1:8080' },
        { REFERENCE_OPENSTATES_URL: 'http://other.example' },
      ),
    ).toEqual({
      download: { censusUrl: undefined, openstatesUrl: 'http://127.0.0.1:8080' },
    });
  });

  it('prints one line and exits 1 for a missing folder', async () => {
    const result = await runCli(['--from', join(scratch, 'missing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Reference data folder not found: ${join(scratch, 'missing')}\n`);
  });
});

describeWithSharedData('reference files that are not what they should be', () => {
  it('names the folder or file that is missing', () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    expect(() => readLocalReference(empty)).toThrow(
      `No .json files in ${empty}/or-districts (expected the layout of ../shared/data)`,
    );
    mkdirSync(join(empty, 'or-districts'));
    cpSync(join(sharedData, 'or-districts/OR_upper.json'), join(empty, 'or-districts/OR_upper.json'));
    mkdirSync(join(empty, 'openstates-or/legislature'), { recursive: true });
    writeFileSync(join(empty, 'openstates-or/legislature/a.yml'), 'id: x\n');
    expect(() => readLocalReference(empty)).toThrow(
      `Missing ${empty}/or-zip/or-counties.csv (expected the layout of ../shared/data)`,
    );
  });

  it('says which file is malformed and how, in one line', () => {
    const cases: [string, string, RegExp][] = [
      ['or-districts/OR_upper.json', '{"type":"FeatureCollection",', /OR_upper\.json: not valid JSON \(/],
      [
        'or-districts/OR_upper.json',
        '{"type":"FeatureCollection","features":[]}',
        /OR_upper\.json: features carry neither SLDUST \(Senate\) nor SLDLST \(House\) codes$/,
      ],
      [
        'or-districts/OR_lower.json',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ properties: { SLDLST: '001' }, geometry: { type: 'Point', coordinates: [0, 0] } }],
        }),
        /OR_lower\.json: not a GeoJSON FeatureCollection of district polygons \(features\.0\.geometry\.type: /,
      ],
      [
        'openstates-or/legislature/Kate-Lieber-cc87cb36-e12e-42e1-ac5e-c2d50e1d2018.yml',
        'id: [unclosed',
        /Kate-Lieber-[\w-]+\.yml: not valid YAML \(/,
      ],
      [
        'openstates-or/legislature/Kate-Lieber-cc87cb36-e12e-42e1-ac5e-c2d50e1d2018.yml',
        'name: Someone\n',
        /Kate-Lieber-[\w-]+\.yml: not an Open States person \(id: /,
      ],
      [
        'or-zip/or-zcta-county.csv',
        'zip,county\n97301,41047\n',
        /or-zcta-county\.csv: no column zcta or geoid_zcta5_20 or \/\^geoid_zcta5\/ in the header$/,
      ],
      [
        'or-zip/or-counties.csv',
        'county_fips,county\n41001,Baker County\n',
        /or-zcta-county\.csv: county 41\d{3} is not in the county list$/,
      ],
    ];
    for (const [path, content, message] of cases) {
      const run = importBroken(path, content);
      expect(run).toThrow(ReferenceImportError);
      expect(run).toThrow(message);
      try {
        run();
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  it('refuses a boundary file that does not hold all 30 Senate districts', () => {
    const upper = JSON.parse(readFileSync(join(sharedData, 'or-districts/OR_upper.json'), 'utf8')) as {
      features: unknown[];
    };
    upper.features.pop();
    expect(importBroken('or-districts/OR_upper.json', JSON.stringify(upper))).toThrow(
      /OR_upper\.json: found 29 Senate districts with a SLDUST code, expected 30$/,
    );
  });

  it('prints one line and exits 1 when the CLI meets a malformed file', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(scratch, 'cli-'));
    cpSync(sharedData, join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data/or-zip/or-zcta-sldu-membership.csv'), 'zcta,district\n97301,eleven\n');
    const result = await runCli(['--from', join(dir, 'data')], { DATA_DIR: join(dir, 'db') });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${join(dir, 'data')}/or-zip/or-zcta-sldu-membership.csv: malformed row "97301,eleven"\n`,
    );
  });
});
