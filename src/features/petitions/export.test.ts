import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { generateSignatures, makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { supporters } from '../supporters/schema.ts';
import { csvField, csvLine, exportColumns, exportStatement, signatureCsv } from './export.ts';
import { runExportProcess } from './export-runner.ts';
import { signatures } from './schema.ts';

/** RFC 4180, strictly: what a spreadsheet or an importer would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('the file does not end with CRLF');
  return rows;
}

describe('CSV fields', () => {
  it('quotes only what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvField('Ana')).toBe('Ana');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField('Salem, OR')).toBe('"Salem, OR"');
    expect(csvField('she said "yes"')).toBe('"she said ""yes"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });

  it('turns would-be formulas into text with a leading apostrophe', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1 503 555 0100')).toBe("'+1 503 555 0100");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // Only the first character matters: these are ordinary text.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('Rivera-Soto')).toBe('Rivera-Soto');
  });
});

describeEachDatabase('the signature export', (database, kind) => {
  const db = () => database().db;
  let organizer: Browser;
  let petitionId: number;
  const total = 3_000;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    petitionId = await makePetition(db(), 'export-test');
    await generateSignatures(db(), { petitionId, count: total, prefix: 'exp' });
  }, 60_000);

  it('streams every signature as an attachment no cache keeps, equal to the database row by row', async () => {
    const res = await organizer.request(`/admin/petitions/${petitionId}/signatures.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="petition-export-test-signatures.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...exportColumns]);
    expect(rows).toHaveLength(total);

    const stored = await db()
      .select({ s: signatures, email: supporters.email, county: supporters.county })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(eq(signatures.petitionId, petitionId))
      .orderBy(asc(signatures.id));
    const col = (name: (typeof exportColumns)[number]) => exportColumns.indexOf(name);
    const text2cell = (v: string | null) => (v === null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    rows.forEach((row, i) => {
      const { s, email, county } = stored[i]!;
      expect(row).toHaveLength(exportColumns.length);
      expect(row[col('signature_id')]).toBe(String(s.id));
      expect(row[col('first_name')]).toBe(s.givenName);
      expect(row[col('last_name')]).toBe(s.familyName);
      expect(row[col('email')]).toBe(email);
      expect(row[col('zip_code')]).toBe(s.zip);
      expect(row[col('can2_user_address')]).toBe(s.street ?? '');
      expect(row[col('can2_user_city')]).toBe(s.city ?? '');
      expect(row[col('can2_state_abbreviated')]).toBe('OR');
      expect(row[col('can2_county')]).toBe(county ?? '');
      expect(row[col('comment')]).toBe(text2cell(s.comment));
      expect(row[col('created_date')]).toBe(s.createdAt.toISOString().slice(0, 19).replace('T', ' '));
      expect(row[col('verified_date')]).toBe(
        s.verifiedAt ? s.verifiedAt.toISOString().slice(0, 19).replace('T', ' ') : '',
      );
      expect(row[col('status')]).toBe(s.status);
      expect(row[col('senate_district')]).toBe(s.senateDistrict ?? '');
      expect(row[col('house_district')]).toBe(s.houseDistrict ?? '');
      expect(row[col('language')]).toBe(s.locale);
    });
    // The data really held the hard cases, and each came through as text.
    const comments = rows.map((r) => r[col('comment')]);
    expect(comments).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(comments).toContain('Safety, "healing" and second chances');
    expect(comments).toContain('Line one\nline two');
    expect(comments.some((c) => /^[=+\-@]/.test(c!))).toBe(false);
  }, 60_000);

  it('exports only what the filters choose, and notes each export in the audit log without personal data', async () => {
    const before = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.export'));
    const res = await organizer.request(`/admin/petitions/${petitionId}/signatures.csv?status=verified&senate=5`);
    const [, ...rows] = parseCsv(await res.text());
    const wanted = await db()
      .select({ id: signatures.id })
      .from(signatures)
      .where(
        and(
          eq(signatures.petitionId, petitionId),
          eq(signatures.status, 'verified'),
          eq(signatures.senateDistrict, '5'),
        ),
      )
      .orderBy(asc(signatures.id));
    expect(wanted.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[exportColumns.indexOf('signature_id')])).toEqual(wanted.map((w) => String(w.id)));

    const after = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.export'));
    expect(after.length).toBe(before.length + 1);
    const entry = after.find((e) => !before.some((b) => b.id === e.id))!;
    expect(entry.subjectId).toBe(String(petitionId));
    expect(entry.summary.after).toMatchObject({ 'filters.status': 'verified', 'filters.senate': '5' });
    expect(JSON.stringify(entry.summary)).not.toMatch(/@|Ana|Rivera/);
  });

  it('gives the same bytes whatever the page size, so page edges lose or repeat nothing', async () => {
    const collect = async (pageSize: number) => {
      let out = '';
      for await (const chunk of signatureCsv(db(), petitionId, {}, pageSize)) out += chunk;
      return out;
    };
    const small = await collect(701);
    expect(await collect(5_000)).toBe(small);
    expect(await collect(3_000)).toBe(small);
    expect(parseCsv(small)).toHaveLength(total + 1);
  });

  it('stops reading the database when the download is cancelled part-way', async () => {
    const res = await organizer.request(`/admin/petitions/${petitionId}/signatures.csv`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    // The next export starts and ends normally: nothing was left holding a connection.
    const again = await organizer.request(`/admin/petitions/${petitionId}/signatures.csv?senate=1`);
    expect(parseCsv(await again.text()).length).toBeGreaterThan(1);
  });

  if (kind === 'postgres') {
    it('on PostgreSQL, writes the file in its own process, byte for byte as the in-process export does', async () => {
      const statement = exportStatement(petitionId, {});
      const run = runExportProcess(database().url!, statement);
      const fromProcess = await new Response(run.body).text();
      let inProcess = '';
      for await (const chunk of signatureCsv(db(), petitionId, {})) inProcess += chunk;
      expect(fromProcess).toBe(inProcess);
      const report = await run.done;
      expect(report.rows).toBe(total);
      expect(report.peakRss).toBeGreaterThan(0);
      // Filters reach the process as parameters.
      const filtered = await new Response(
        runExportProcess(database().url!, exportStatement(petitionId, { status: 'verified', senate: '5' })).body,
      ).text();
      let filteredInProcess = '';
      for await (const chunk of signatureCsv(db(), petitionId, { status: 'verified', senate: '5' }))
        filteredInProcess += chunk;
      expect(filtered).toBe(filteredInProcess);
    });

    it('fails the download, rather than ending it as if complete, when the export process fails', async () => {
      const run = runExportProcess(database().url!, { sql: 'select * from no_such_table', params: [] });
      await expect(new Response(run.body).text()).rejects.toThrow(/export process failed/);
      await expect(run.done).rejects.toThrow(/no_such_table/);
    });
  }

  it('answers a bad filter with the list page and its message (400), exporting nothing', async () => {
    const before = (await db().select().from(auditLog).where(eq(auditLog.action, 'petition.export'))).length;
    const res = await organizer.request(`/admin/petitions/${petitionId}/signatures.csv?from=yesterday`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('id="from-error"');
    expect(html).toContain('value="yesterday"');
    expect((await db().select().from(auditLog).where(eq(auditLog.action, 'petition.export'))).length).toBe(before);
  });
});
