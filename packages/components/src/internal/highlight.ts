import { html, nothing, type TemplateResult } from 'lit';

/**
 * Sorts, clamps and merges `[start, end)` ranges for a string of `length` UTF-16 units. Ranges from data are
 * untrusted: out-of-range, reversed, fractional or overlapping ones are repaired or dropped.
 */
export function normalizeRanges(ranges: ReadonlyArray<readonly [number, number]> | undefined, length: number): Array<[number, number]> {
  if (!ranges || ranges.length === 0) return [];
  const clean = ranges
    .map(([a, b]) => [Math.max(0, Math.min(length, Math.floor(Number(a)))), Math.max(0, Math.min(length, Math.ceil(Number(b))))] as [number, number])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const range of clean) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/**
 * Renders `text` with the given ranges wrapped in `<mark part="mark">`, by slicing the string: every piece is a text
 * binding, so markup in the data stays text.
 */
export function highlight(text: string, ranges: ReadonlyArray<readonly [number, number]> | undefined): TemplateResult | string {
  const merged = normalizeRanges(ranges, text.length);
  if (merged.length === 0) return text;
  const pieces: Array<TemplateResult | string> = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) pieces.push(text.slice(at, start));
    pieces.push(html`<mark part="mark">${text.slice(start, end)}</mark>`);
    at = end;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return html`${pieces.length ? pieces : nothing}`;
}
