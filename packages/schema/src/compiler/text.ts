import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';

const HAN = /\p{Script=Han}/u;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Toneless syllables, one per character of `text` (by code point): `燃气费` → [ran, qi, fei]. Context decides
 * heteronyms (银行 → yin hang). Non-Han characters stand for themselves, lower-cased.
 */
export function syllables(text: string): string[] {
  const chars = [...text];
  const readings = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  // pinyin-pro groups consecutive non-Han characters into one item; spread them back out per character.
  const out: string[] = [];
  let r = 0;
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i]!;
    if (HAN.test(ch)) {
      out.push((readings[r++] ?? ch).toLowerCase());
      i++;
    } else {
      let run = '';
      while (i < chars.length && !HAN.test(chars[i]!)) run += chars[i++]!;
      r++;
      for (const c of run) out.push(c.toLowerCase());
    }
  }
  return out;
}

/** Every toneless reading of one Han character (行 → xing, hang, heng). */
export function readings(char: string): string[] {
  return [...new Set(pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true }).map((s) => s.toLowerCase()))];
}

export { toTraditional, toSimplified };
