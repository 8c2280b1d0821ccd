import { createReadStream } from 'node:fs';
import { CsvError, parse, type Options } from 'csv-parse';

/**
 * Reading an import file as it streams from disk: csv-parse gives one
 * record at a time, so the file is never held, whatever its size.
 */

/** The file cannot be read as CSV (a quote left open, a record far too long): said to staff in these words. */
export class ImportFileError extends Error {}

const options: Options = {
  // A spreadsheet's UTF-8 byte-order mark would otherwise glue itself to the first header.
  bom: true,
  // A row with too few or too many cells is refused by row, not the whole file.
  relax_column_count: true,
  skip_empty_lines: true,
  // One record longer than this is not a person's details: the file is refused rather than held.
  max_record_size: 64 * 1024,
};

function explain(error: unknown): Error {
  if (error instanceof CsvError) {
    const where = typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
    return new ImportFileError(`The file could not be read as CSV${where}: ${error.message.split(':')[0]}.`);
  }
  return error as Error;
}

/** The header row: the file's first record, read without reading the rest. */
export async function readHeader(path: string): Promise<string[]> {
  const input = createReadStream(path);
  const parser = input.pipe(parse({ ...options, to: 1 }));
  try {
    for await (const record of parser) return (record as string[]).map((h) => h.trim());
    throw new ImportFileError('The file is empty: it needs a header row and a row for each person.');
  } catch (error) {
    throw explain(error);
  } finally {
    input.destroy();
  }
}

/** Each data row with its number, the header being row 1 (as a spreadsheet shows it). */
export async function* fileRows(path: string): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
  const input = createReadStream(path);
  const parser = input.pipe(parse({ ...options, from: 2 }));
  let rowNumber = 1;
  try {
    for await (const record of parser) {
      rowNumber += 1;
      yield { rowNumber, cells: record as string[] };
    }
  } catch (error) {
    throw explain(error);
  } finally {
    input.destroy();
  }
}
