/** Columns padded to their widest cell; numbers aligned right. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>, indent = ''): string[] {
  const cells = [header.map(String), ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : cell)))];
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells.map(
    (row) =>
      indent +
      row
        .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
        .join('  ')
        .trimEnd(),
  );
}
