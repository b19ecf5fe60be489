/**
 * Markdown helpers for generated pages: tables with escaped cells and
 * inline code that survives any content.
 */

/** What {@link cell} has to escape or replace. */
const CELL_SPECIAL = /[\\|\n]/;

/** Escapes a table cell: pipes and line breaks would end the cell. */
export function cell(text: string): string {
  if (!CELL_SPECIAL.test(text)) return text;
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** Inline code; a backtick inside the text gets a longer fence. */
export function code(text: string): string {
  if (text === "") return "";
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

/** A Markdown table; `rows` are written as given (the caller sorts them). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return `${lines.join("\n")}\n`;
}

/** Compares strings by code unit, independent of locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
