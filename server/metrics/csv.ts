/**
 * RFC 4180 CSV. csv-stringify is not among the dependencies, and quoting is all a metrics export
 * needs: a field is quoted when it holds a comma, quote, CR or LF, and quotes inside are doubled.
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; prefixing a quote keeps it as text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Header then rows, CRLF line endings as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
