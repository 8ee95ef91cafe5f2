import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import type { DictLike } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset';

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

let forms: Map<string, string[]> | undefined;
/**
 * Every traditional form of a simplified char, standard and Taiwan/Hong Kong variants (台 → 臺 颱 檯 枱, 证 → 證 証),
 * from OpenCC's character tables. A citizen may type any of them; `toTraditional` gives only one.
 */
export function traditionalForms(simplified: string): readonly string[] {
  if (!forms) {
    // A preset's chain is phrase tables, then the character table: 'tw'/'hk' → variant to standard, 'cn' → to simplified.
    const characters = (chain: readonly (readonly DictLike[])[] | undefined): DictLike => chain?.[0]?.at(-1) ?? [];
    const [TSCharacters, TWVariantsRev, HKVariantsRev] = [to.cn, from.tw, from.hk].map(characters) as [DictLike, DictLike, DictLike];
    const map = new Map<string, string[]>();
    const pairs = (dict: DictLike): Array<readonly [string, string]> =>
      typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ') as unknown as readonly [string, string]) : [...dict];
    const add = (traditional: string, target: string) => {
      if ([...traditional].length !== 1 || [...target].length !== 1 || traditional === target) return;
      const list = map.get(target) ?? map.set(target, []).get(target)!;
      if (!list.includes(traditional)) list.push(traditional);
    };
    const simple = new Map(pairs(TSCharacters));
    for (const [traditional, simplified] of simple) add(traditional, simplified);
    // Regional variants (Taiwan's 峯 → 峰, Hong Kong's 綫 → 線) lead to a standard traditional char, then to its simplified form.
    for (const dict of [TWVariantsRev, HKVariantsRev])
      for (const [variant, traditional] of pairs(dict)) add(variant, simple.get(traditional) ?? traditional);
    forms = map;
  }
  return forms.get(simplified) ?? [];
}
