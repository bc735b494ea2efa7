// KQL literals, the one place a value becomes query text: the team view's queries (teamQueries.ts) never
// paste user text into KQL, every value goes through kqlString (or is a number or a date Resetline made).
// String literals: MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/scalar-data-types/string.md
// (double-quoted, backslash escapes \\ \" \n \r \t and \uXXXX).

/** A KQL string literal holding exactly `value`: quotes, backslashes and every control character escaped. */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function kqlDatetime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('not a time');
  return `datetime(${kqlString(new Date(ms).toISOString())})`;
}
