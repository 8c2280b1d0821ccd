import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/client.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { generateSignatures, makePetition } from '../../../test/support/petition-signatures.ts';
import { supporters } from '../supporters/schema.ts';
import { copyStatement, CrlfRowEnds } from './copy-csv.ts';
import { csvLine, exportStatement, signatureCsv } from './export.ts';
import { runExportProcess } from './export-runner.ts';
import { signatures } from './schema.ts';

/** What people might type: everything CSV, spreadsheets, COPY's text format or SQL literals treat specially. */
const hostile = [
  '"',
  '""',
  'she said "yes"',
  'a,b',
  ',',
  'two\nlines',
  '\n',
  'cr\ronly',
  'crlf\r\nhere',
  '\r',
  'tab\there',
  '\ttab first',
  'back\\slash',
  '\\',
  '\\.',
  '\\N',
  'NULL',
  '=1+1',
  '+1 503 555 0100',
  '-2',
  '@SUM(A1)',
  '=HYPERLINK("http://evil.example","x")',
  "'apostrophe",
  "it's",
  ' ',
  ' leading space',
  'ünïcødé Ñandú',
  '🎉 emoji, and "quotes"\n🎉',
  '$1',
  'a=b',
  '',
];

/** PostgreSQL's own CSV for these fields: the same quoting, rows ended by LF. */
const copyRow = (fields: string[]) => `${csvLine(fields).slice(0, -2)}\n`;

function throughCrlf(chunks: Buffer[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const t = new CrlfRowEnds();
    const out: Buffer[] = [];
    t.on('data', (b: Buffer) => out.push(b));
    t.on('end', () => resolve(Buffer.concat(out).toString()));
    t.on('error', reject);
    for (const c of chunks) t.write(c);
    t.end();
  });
}

describe("COPY's row ends", () => {
  it('become CRLF, while line breaks inside fields stay, wherever the chunks are cut', async () => {
    const rows = hostile.map((v, i) => [v, String(i), hostile[(i * 7) % hostile.length]!, v]);
    const copy = Buffer.from(rows.map(copyRow).join(''));
    const expected = rows.map((r) => csvLine(r)).join('');
    expect(await throughCrlf([copy])).toBe(expected);
    // Every cut, one byte at a time, and a few random-length ones.
    expect(await throughCrlf([...copy].map((b) => Buffer.from([b])))).toBe(expected);
    for (let seed = 1; seed < 50; seed++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < copy.length; ) {
        const n = 1 + ((at * 31 + seed * 17) % 97);
        chunks.push(copy.subarray(at, at + n));
        at += n;
      }
      expect(await throughCrlf(chunks)).toBe(expected);
    }
  });
});

describe("COPY's statement", () => {
  it('inlines each parameter as an escaped literal, leaving quoted text alone', () => {
    const quoted = (v: string) => `'${v.replaceAll("'", "''")}'`;
    expect(
      copyStatement(
        {
          sql: `select '$1', "$2", $1, $10, $2, $3 from t where a = 'it''s $2'`,
          params: [5, "o'x", null, ...Array(6).fill(0), 'ten'],
        },
        quoted,
      ),
    ).toBe(
      `copy (select '$1', "$2", '5', 'ten', 'o''x', null from t where a = 'it''s $2') to stdout with (format csv, encoding 'UTF8')`,
    );
    expect(() => copyStatement({ sql: 'select $2', params: [1] }, quoted)).toThrow(/\$2/);
  });
});

describeEachDatabase('the signature export, hostile values', (database, kind) => {
  const db = () => database().db;
  let petitionId: number;

  beforeAll(async () => {
    petitionId = await makePetition(db(), 'export-hostile');
    await generateSignatures(db(), { petitionId, count: hostile.length * 2, prefix: 'hx' });
    const rows = await db()
      .select({ id: signatures.id, supporterId: signatures.supporterId })
      .from(signatures)
      .where(eq(signatures.petitionId, petitionId))
      .orderBy(asc(signatures.id));
    // Each value in every typed column, shifted so that one row mixes several.
    for (const [i, row] of rows.entries()) {
      const v = (k: number) => hostile[(i + k) % hostile.length]!;
      await db()
        .update(signatures)
        .set({
          givenName: v(0),
          familyName: v(1),
          zip: v(2),
          street: i % 5 === 0 ? null : v(3),
          city: v(4),
          comment: i % 3 === 0 ? null : v(5),
          senateDistrict: v(6),
          houseDistrict: i % 4 === 0 ? null : v(7),
          emailDomain: v(8),
        })
        .where(eq(signatures.id, row.id));
      await db()
        .update(supporters)
        .set({ county: i % 2 === 0 ? null : v(9), email: `${v(10)}#${i}` })
        .where(eq(supporters.id, row.supporterId));
    }
  }, 60_000);

  const inProcess = async (f: Parameters<typeof signatureCsv>[2]) => {
    let out = '';
    for await (const chunk of signatureCsv(db(), petitionId, f)) out += chunk;
    return out;
  };

  if (kind === 'postgres') {
    it('ends the COPY on the server when the download is abandoned part-way', async () => {
      const big = await makePetition(db(), 'export-abandoned');
      await generateSignatures(db(), { petitionId: big, count: 50_000, prefix: 'hxa' });
      const exporting = async () =>
        Number(
          (
            await rowsOf<{ n: string }>(
              db(),
              sql`select count(*) as n from pg_stat_activity
                  where application_name = 'groundswell-export' and datname = current_database()`,
            )
          )[0]!.n,
        );
      const reader = runExportProcess(database().url!, exportStatement(big, {})).body.getReader();
      expect((await reader.read()).done).toBe(false);
      expect(await exporting()).toBe(1);
      await reader.cancel();
      for (let tries = 0; (await exporting()) > 0; tries++) {
        expect(tries).toBeLessThan(50);
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 60_000);

    it('errors the download, never ends it as if complete, when the COPY fails part-way', async () => {
      const big = await makePetition(db(), 'export-cut');
      await generateSignatures(db(), { petitionId: big, count: 50_000, prefix: 'hxc' });
      const run = runExportProcess(database().url!, exportStatement(big, {}));
      const reader = run.body.getReader();
      expect((await reader.read()).done).toBe(false);
      // The server ends the export's session mid-file, as a restart or an administrator would.
      await rowsOf(
        db(),
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where application_name = 'groundswell-export' and datname = current_database()`,
      );
      await expect(
        (async () => {
          while (!(await reader.read()).done);
        })(),
      ).rejects.toThrow(/export process failed/);
      await expect(run.done).rejects.toThrow(/terminat/);
    }, 60_000);

    it('come out of COPY byte for byte as csvLine writes them', async () => {
      const expected = await inProcess({});
      expect(expected.split('\r\n').length).toBeGreaterThan(hostile.length * 2);
      expect(await new Response(runExportProcess(database().url!, exportStatement(petitionId, {})).body).text()).toBe(
        expected,
      );
    });

    it('reach COPY safely as filters', async () => {
      for (const emailDomain of ["it's", 'back\\slash', '$1', 'ünïcødé Ñandú']) {
        const expected = await inProcess({ emailDomain });
        expect(expected.split('\r\n').length).toBeGreaterThan(2);
        const copied = await new Response(
          runExportProcess(database().url!, exportStatement(petitionId, { emailDomain })).body,
        ).text();
        expect(copied).toBe(expected);
      }
    });
  } else {
    it('are written by csvLine on PGlite (its export does not use COPY)', async () => {
      expect((await inProcess({})).split('\r\n').length).toBeGreaterThan(hostile.length * 2);
    });
  }
});
