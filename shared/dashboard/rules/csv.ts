/**
 * @module csv
 * CSV exports as spreadsheets and scripts read them: RFC 4180's quoting (comma, quotes
 * doubled, a header row), UTF-8, one line per row ended by LF, which every reader takes and
 * a line-by-line script does not trip on (no stray CR, no byte-order mark). Text that a
 * spreadsheet would run as a formula (a name typed as `=HYPERLINK(…)`) is kept as text with
 * a leading apostrophe; amounts are plain decimals in the currency's major unit, never
 * formatted, so they add up in a sheet.
 */

export type CsvCell = string | number | undefined | null;

/** Money and counts: written as they are. Everything else is text a person may have typed. */
export interface CsvNumber {
  number: string;
}

export function csvNumber(text: string): CsvNumber {
  return { number: text };
}

const needsQuotes = /[",\r\n]/;
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell | CsvNumber): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? value.number : typeof value === 'number' ? String(value) : formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the header, then one line per row, each ended by LF. */
export function csvOf(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell | CsvNumber>>): string {
  const lines = [header.map((h) => csvCell(h)).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${lines.join('\n')}\n`;
}

/** `attachment; filename="c500-orders-2026-05-01.csv"`: what the browser saves it as. */
export function csvDisposition(name: string, now: Date): string {
  return `attachment; filename="c500-${name.replace(/[^a-z0-9-]/gi, '')}-${now.toISOString().slice(0, 10)}.csv"`;
}
