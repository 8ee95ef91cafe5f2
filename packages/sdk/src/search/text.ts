/** Text helpers shared by the index build and queries: normalisation, English stems, fuzzy pinyin. */

const SKIP = /[\s\p{P}\p{S}\p{C}\p{M}]/u;
const STOP = new Set('an and at by can do for how in is my of on or the to what where with'.split(' '));

/** Chars outside ASCII (Han and other scripts) are matched as characters; ASCII letters and digits as pinyin or words. */
export const wide = (ch: string): boolean => ch > '\x7f';

/**
 * The search form of `text`: NFKC, lower case, traditional → simplified (via the catalog's table), without spaces,
 * punctuation, symbols or emoji. Optionally reports, per code unit of the result, its offset in `text` and its
 * pinyin syllable: `py[i]` for the i-th code point (a search term's pinyin), else the char's first reading in
 * `readings`; other chars stand for themselves.
 */
export function normalize(
  text: string,
  hant: Record<string, string>,
  offsets?: number[],
  syllables?: string[],
  py?: readonly string[],
  readings?: Record<string, string[]>,
): string {
  let out = '';
  let at = 0;
  let i = 0;
  for (const cp of text) {
    const code = cp.charCodeAt(0);
    // ASCII letters and digits (lower-cased) and Han chars need no Unicode normalisation; ASCII else is dropped.
    const chars =
      code < 128
        ? (code > 47 && code < 58) || (code > 96 && code < 123)
          ? cp
          : code > 64 && code < 91
            ? String.fromCharCode(code + 32)
            : ''
        : code >= 0x3400 && code < 0xa000
          ? cp
          : cp.normalize('NFKC').toLowerCase().replace('ü', 'v');
    for (let ch of chars) {
      if (code >= 128 && SKIP.test(ch)) continue;
      const simple = hant[ch];
      if (simple?.length === ch.length) ch = simple;
      out += ch;
      for (let k = 0; k < ch.length; k++) {
        offsets?.push(at);
        syllables?.push(k ? '' : wide(ch) ? (py?.[i] ?? readings?.[ch]?.[0] ?? ch) : ch);
      }
    }
    at += cp.length;
    i++;
  }
  return out;
}

/** A crude English stem so that driver/driving, licence/license, vaccine/vaccination meet. */
export function stem(word: string): string {
  const w = word.replace(/ies$/, 'y').replace(/our$/, 'or').replace(/([^aeiou])re$/, '$1er').replace(/ence$/, 'ense');
  const m = /(?:ations?|ings?|ers?|ed|es|s|e)$/.exec(w);
  return m && m.index > 2 ? w.slice(0, m.index) : w;
}

/** Stems of the ASCII words of `text` (at least 2 characters, no stop words). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of text.normalize('NFKC').toLowerCase().match(/[a-z0-9]{2,}/g) ?? []) if (!STOP.has(w)) out.push(stem(w));
  return out;
}

/** Edit distance ≤ 1 (or one swap of neighbours). */
export function near(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  const d = a.length - b.length;
  if (d > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (!d && a[i] === b[i + 1] && a[i + 1] === b[i]) i++;
  for (let j = i + 1; j < a.length; j++) if (a[j] !== b[j - d]) return false;
  return true;
}

/** Pinyin as people mistype it: zh/z, ch/c, sh/s, -ng/-n, l/n and ü (v)/u read the same. */
export const fuzzy = (s: string): string => s.replace(/^([zcs])h/, '$1').replace(/ng$/, 'n').replace(/^l/, 'n').replace(/v/g, 'u');
