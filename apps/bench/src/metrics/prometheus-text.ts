/**
 * The value of one sample in the Prometheus text format (`name value` or
 * `name{labels} value`), the first one when several carry labels; undefined when absent.
 */
export function sampleValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const value = Number(
      rest
        .replace(/^\{[^}]*\}/, '')
        .trim()
        .split(/\s+/)[0],
    );
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}
