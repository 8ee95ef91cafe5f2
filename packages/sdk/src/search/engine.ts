import type { CatalogCategory, CityCatalog, SearchField, SearchTerm } from '@cityhub/schema';
import { fuzzy, near, normalize, stem, wide, words } from './text.js';
import type {
  CategoryHit,
  Highlights,
  SearchIndex,
  SearchIndexOptions,
  SearchOptions,
  SearchResults,
  ServiceGroup,
  ServiceHit,
} from './types.js';

const FIELDS: SearchField[] = ['name', 'standard-name', 'hant', 'en', 'keyword', 'synonym', 'summary', 'local'];
const FIELD = new Map(FIELDS.map((f, i) => [f, i]));
const KEYWORD = 4;
const SYNONYM_FIELD = 5;
const SUMMARY = 6;

// Match tiers, strongest first. A score is tier + 0.7 × quality (0–1) + 0.2 × popularity (0–1), so popularity
// only decides between matches of the same kind and similar quality; among the best RERANK services the rest of
// the query adds up to EVIDENCE (see evidence()).
const EXACT = 10;
const PREFIX = 9;
const SUBSTRING = 8; // also: every English word found
const ABBREVIATION = 7; // every char, in order, with gaps (社保 → 社会保障卡)
const PINYIN = 6; // full syllables
const PINYIN_PART = 5; // syllable prefixes and initials
const HOMOPHONE = 3.6; // the query as typed but one char a homophone (公积金代款 → 公积金贷款): above a term inside it
const TERMS = 3.55; // two or more of a service's terms side by side in the query (毕业证 … 学位证)
const APART = 3.52; // initials in two runs, of two terms or of one with a gap (dbsq: 低保 + 申请; ymyy: 疫苗接种预约)
const REPLACED = 3.5; // a query of 4+ chars with one of them wrong, in place (机动车年简 → 机动车年检)
const EMBEDDED = 3.4; // the whole term inside a longer query (补办身份证 ⊃ 身份证), below a whole-query synonym
const SYNONYM = 3; // synonym-field terms, dictionary words and their meanings cap here (unless inside the query)
const WORDS = 2.8; // every English word of the query, found across a service's texts (police clearance + certificate)
const CATEGORY = 2.5; // services found only through a matching category
const FUZZY = 2; // homophones, mistyped pinyin or English
const OVERLAP = 1; // at least half of the query
/** What the rest of a query's chars and English words can add (see evidence()), over the best RERANK services. */
const EVIDENCE = 0.5;
const RERANK = 30;

/** Term slot of postings that come from the synonym dictionary (the unit's own text is the matched text). */
const DICTIONARY = 127;
/** A query typed as initials only: no vowel, so no syllable (apart() splits it when no text holds it whole). */
const INITIALS = /^[bcdfghjklmnpqrstwxyz]{4,8}$/;
/** Longest query (and term, for the character alignment) matched, in code units. */
const MAX = 64;
const ROW = MAX + 2;

/** A distinct normalised text of the catalog and what matching needs of it. */
interface Unit {
  /** Normalised text (see `normalize`). */
  s: string;
  /** The first original text seen. */
  raw: string;
  /** Han chars in `s`. */
  han: number;
  /** Per code unit of `s`: its pinyin syllable (Han texts only). */
  sy?: string[];
  /** Per code unit: its readings, the syllable first, then (or '') the char's usual reading, then the rest. */
  alts?: Array<readonly string[]>;
  /** The syllables run together, and their initials. */
  joined?: string;
  initials?: string;
  /** Every reading run together, loosely spelt (see `loosely`). */
  loose?: string;
  /** Per code unit: two hash bits of its syllable's fuzzy form (a cheap test for homophones). */
  bits?: Int32Array;
  /** English word stems. */
  stems?: string[];
  /** What a dictionary word means (驾照 → 驾驶证). */
  means?: string[];
}

/** A prepared query. */
interface Query {
  q: string;
  m: number;
  /** How many chars are matched as characters (Han). */
  h: number;
  /** Has ASCII letters or digits (pinyin, English). */
  latin: boolean;
  /** Per Han char: the hash bits of its readings' fuzzy forms (see `Unit.bits`). */
  masks: Int32Array;
  words: string[];
  /** A rewrite through the synonym dictionary: scores cap at the synonym tier. */
  synonym: boolean;
  /** Space-separated words of a pinyin or English query (each is tried alone when the whole finds nothing). */
  parts: string[];
  /** For one of those words: its share of the query (its matches count as partial overlaps). */
  part: number;
  /** Fuzzy spellings of q.slice(i, i + x), at i * 8 + x. */
  fz: string[];
  loose: string;
}

/** A match's tier as the field it is in allows: keywords a shade below names, synonyms and summaries capped. */
const adjust = (tier: number, field: number): number =>
  field === KEYWORD
    ? tier - 0.05
    : field === SYNONYM_FIELD
      ? tier > SYNONYM && tier !== EMBEDDED
        ? SYNONYM + (tier - SYNONYM) / 10
        : tier - 0.1
      : field === SUMMARY
        ? tier > FUZZY
          ? FUZZY + (tier - FUZZY) / 10
          : tier - 0.1
        : tier;

/** Key numbers: letters and digits 1–37 in base 38, then English word prefixes, then Han chars. */
const WORD = 38 ** 3;
const HAN = 2 * WORD;
/** How many key numbers there are (a Han char is one UTF-16 code unit here: HAN + 0 … HAN + 0xffff). */
const KEYS = HAN + 0x10000;
const letter = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? c - 21 : c === c ? 37 : 0;
};
const letters = (s: string): number => letter(s, 0) + 38 * letter(s, 1) + 1444 * letter(s, 2);

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** h and g dropped, l → n, v → u: what fuzzy pinyin (zh/z, ng/n, l/n, ü/u) and prefixes cannot add. */
const loosen = (a: string): string => a.replace(/[hg]/g, '').replace(/l/g, 'n').replace(/v/g, 'u');

/**
 * Lays (bucket, value) pairs out flat by bucket, keeping their order: bucket b's values are
 * values[start[b] .. start[b + 1]).
 */
function layOut(bucket: ArrayLike<number>, value: ArrayLike<number>, n: number, buckets: number): { start: Int32Array; values: Int32Array } {
  const start = new Int32Array(buckets + 1);
  for (let k = 0; k < n; k++) start[bucket[k]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const values = new Int32Array(n);
  const fill = start.slice(0, buckets);
  for (let k = 0; k < n; k++) values[fill[bucket[k]!]!++] = value[k]!;
  return { start, values };
}

const ALNUM = /[a-z0-9]/i;
/** Whether the first `m` letters and digits of `raw` end inside a word ("tax" in "Taxi complaint"). */
function midWord(raw: string, m: number): boolean {
  let i = 0;
  for (; i < raw.length && m; i++) if (ALNUM.test(raw[i]!)) m--;
  return ALNUM.test(raw[i] ?? '');
}

/** How many bits are set. */
function ones(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/** Whether two neighbouring chars of `q` occur together in `s` (a word they share). */
function shares(q: string, s: string): boolean {
  for (let i = 1; i < q.length; i++) if (wide(q[i]!) && s.includes(q.slice(i - 1, i + 1))) return true;
  return false;
}

/**
 * Whether `q` can be read off `text` left to right (a subsequence) with at most one of its letters left out: a
 * cheap test every pinyin match passes, typos included (tushugaun: 'au' for 'ua').
 */
function loosely(q: string, text: string): boolean {
  // Where in `text` reading q so far ends: letter for letter (a), or with one letter left out (b); past the end: none.
  const none = text.length + 1;
  let a = 0;
  let b = 0;
  for (const ch of q) {
    b = Math.min(a, b < none ? text.indexOf(ch, b) + 1 || none : none);
    a = a < none ? text.indexOf(ch, a) + 1 || none : none;
  }
  return b < none;
}

/**
 * Builds an in-memory search index over one compiled city catalog. Pure and synchronous; uses only the
 * catalog's precomputed search data (pinyin per term, traditional → simplified table, synonym dictionary).
 *
 * Matching works on distinct normalised texts ("units"): a service's name, local name, English name, keywords,
 * synonyms and summary, the categories' names and keywords, and the dictionary's colloquial words. An inverted
 * index from characters, pinyin keys (a query's first letters over syllables) and English word prefixes to
 * units keeps each query to a few candidates. Fast matchers (substring, syllable runs and initials, English
 * words) score every candidate; when they find little, slow ones (character alignment with homophones, pinyin
 * alignment with prefixes, mixed input and fuzzy spellings) score them again. Unit scores then flow to the
 * services and categories that carry the text.
 */
export function createSearchIndex(catalog: CityCatalog, options: SearchIndexOptions = {}): SearchIndex {
  const { hant, pinyin } = catalog.searchData;
  const { services, categories } = catalog;
  const S = services.length;
  const perCategory = options.categoryServices ?? 5;
  // (Plain loops: at 50,000 services, building [code, i] pairs and flatMap's arrays cost a tenth of the build.)
  const serviceAt = new Map<string, number>();
  const popularity = new Float64Array(S + categories.length); // (categories' stay 0)
  for (let i = 0; i < S; i++) serviceAt.set(services[i]!.code, i), (popularity[i] = 0.002 * services[i]!.popularity);
  const categoryAt = new Map(categories.map((c, i) => [c.id, i]));
  const members = categories.map((c) => {
    const out: number[] = [];
    for (const code of c.services) {
      const i = serviceAt.get(code);
      if (i !== undefined) out.push(i);
    }
    return out;
  });

  // Per syllable, made once: its fuzzy form ('~' + …), loose form, hash bits (two words: a char can be a
  // homophone of another only where both meet), letter codes (with its fuzzy spelling's) and one-reading list.
  interface Syllable {
    fz: string;
    loose: string;
    bits: [number, number];
    codes: number[][];
    alone: readonly string[];
  }
  const syllables = new Map<string, Syllable>();
  const syllable = (a: string): Syllable => {
    let r = syllables.get(a);
    if (!r) {
      const f = fuzzy(a);
      const hash = (h: number, x: number) => {
        for (let i = 0; i < f.length; i++) h = (h * x + f.charCodeAt(i)) | 0;
        return 1 << (h & 31);
      };
      const codes = (v: string) => [letter(v, 0), letter(v, 1), letter(v, 2)];
      syllables.set(a, (r = { fz: '~' + f, loose: loosen(a), bits: [hash(11, 37), hash(7, 31)], codes: f === a ? [codes(a)] : [codes(a), codes(f)], alone: [a] }));
    }
    return r;
  };
  const fz = (a: string): string => syllable(a).fz;
  const heteronyms = new Map<string, readonly string[]>();
  const none: readonly string[] = [];

  /** Describes a text for matching; `offsets` receives where each code unit of the result came from. */
  function describe(raw: string, py?: readonly string[], offsets?: number[]): Unit {
    const sy: string[] = [];
    const s = normalize(raw, hant, offsets, sy, py, pinyin);
    let han = 0;
    for (let j = 0; j < s.length; j++) if (wide(s[j]!)) han++;
    const stems = words(raw);
    const x: Unit = { s, raw, han };
    if (stems.length) x.stems = stems;
    if (!han) return x;
    x.sy = sy;
    const alts: Array<readonly string[]> = (x.alts = []);
    const bits = (x.bits = new Int32Array(2 * sy.length));
    x.joined = x.initials = x.loose = '';
    for (let j = 0; j < sy.length; j++) {
      const a = sy[j]!;
      let list = none;
      if (a && !wide(a)) {
        const y = syllable(a);
        list = y.alone;
        // All readings of a heteronym: the compiler's choice in context can be wrong (限行 read xian hang).
        const all = pinyin[s[j]!];
        if (all && all.length > 1 && all.includes(a)) {
          const k = s[j]! + a;
          list = heteronyms.get(k) ?? heteronyms.set(k, [a, all[0] === a ? '' : all[0]!, ...all.filter((r) => r !== a && r !== all[0])]).get(k)!;
        }
        for (const r of list) if (r) x.loose += syllable(r).loose;
        bits[2 * j] = y.bits[0];
        bits[2 * j + 1] = y.bits[1];
      }
      alts.push(list);
      x.joined += a;
      x.initials += a[0] ?? '\0';
    }
    return x;
  }

  // Units, and an inverted index from Han char, pinyin key and English word prefix to them.
  const units: Unit[] = [];
  const byRaw = new Map<string, number>();
  // The build's working space lives in this function, so that the index does not keep it.
  function indexTexts() {
    const byText = new Map<string, number>();
    // Keys are numbers: 1–3 letters in base 38 (below 38³), an English word's first two letters (WORD + …),
    // a Han char (HAN + its code). They are gathered as (key, unit) pairs, each once, then laid out flat.
    const lastUnit = new Int32Array(KEYS).fill(-1);
    const keyOf: number[] = [];
    const keyUnit: number[] = [];
    const key = (k: number, u: number): void => {
      if (lastUnit[k] !== u) (lastUnit[k] = u), keyOf.push(k), keyUnit.push(u);
    };
    /** The letter codes of each of a syllable's readings (and of their fuzzy spellings). */
    const variants = (readings: readonly string[], fuzzily: boolean): number[][] => {
      const out: number[][] = [];
      for (const a of readings) if (a) fuzzily ? out.push(...syllable(a).codes) : out.push(syllable(a).codes[0]!);
      return out;
    };
    const unit = (raw: string, py?: readonly string[]): number => {
      let u = byRaw.get(raw);
      if (u !== undefined) return u;
      // (A text seen before in another form — traditional, other spacing — is the same unit.)
      const x = describe(raw, py);
      u = byText.get(x.s) ?? -1;
      if (u < 0 && x.s) {
        byText.set(x.s, (u = units.length));
        units.push(x);
        for (let j = 0; j < x.s.length; j++) if (wide(x.s[j]!)) key(HAN + x.s.charCodeAt(j), u);
        // Pinyin keys: a query's first three letters (or fewer), however they fall on syllables: 银行 → y, yi, yh,
        // yin, yih, yha; with every reading of a heteronym, and the fuzzy spellings of the first syllable (the query's
        // start is looked up in fuzzy spelling too).
        const plain = x.alts?.map((list) => variants(list, false)) ?? [];
        plain.push([], []);
        for (let j = 0; j < plain.length - 2; j++)
          for (const a of variants(x.alts![j]!, true)) {
            const a0 = a[0]!;
            const a1 = a[1]!;
            if (!j) key(a0, u);
            if (a1) key(a0 + 38 * a1, u), a[2] && key(a0 + 38 * a1 + 1444 * a[2], u);
            for (const b of plain[j + 1]!) {
              const b0 = b[0]!;
              key(a0 + 38 * b0, u);
              if (a1) key(a0 + 38 * a1 + 1444 * b0, u);
              if (b[1]) key(a0 + 38 * b0 + 1444 * b[1], u);
              for (const c of plain[j + 2]!) key(a0 + 38 * b0 + 1444 * c[0]!, u);
            }
          }
        for (const w of x.stems ?? none) key(WORD + letters(w.slice(0, 2)), u);
      }
      byRaw.set(raw, u);
      return u;
    };
    // Postings, gathered as (unit, posting) pairs, then laid out flat: unit u's are postings[start[u] .. start[u + 1]).
    let size = 0;
    for (const x of [...services, ...categories]) size += x.search.length;
    for (const e of catalog.synonyms) size += e.terms.length * ((e.services?.length ?? 0) + (e.categories?.length ?? 0));
    const pairUnit = new Int32Array(size);
    const pairPosting = new Int32Array(size);
    size = 0;
    const post = (u: number, target: number | undefined, slot: number, field: number): void => {
      if (u >= 0 && target !== undefined) (pairUnit[size] = u), (pairPosting[size++] = target * 1024 + Math.min(slot, DICTIONARY) * 8 + field);
    };
    for (let i = 0; i < S + categories.length; i++) {
      const search = (i < S ? services[i]! : categories[i - S]!).search;
      for (let k = 0; k < search.length; k++) {
        const term = search[k]!;
        post(unit(term.text, term.pinyin), i, k < DICTIONARY ? k : DICTIONARY - 1, FIELD.get(term.field) ?? KEYWORD);
      }
    }
    for (const entry of catalog.synonyms)
      for (const term of entry.terms) {
        const u = unit(term);
        for (const code of entry.services ?? []) post(u, serviceAt.get(code), DICTIONARY, SYNONYM_FIELD);
        for (const id of entry.categories ?? []) {
          const i = categoryAt.get(id);
          post(u, i === undefined ? i : S + i, DICTIONARY, SYNONYM_FIELD);
        }
        if (u >= 0 && entry.means) (units[u]!.means ??= []).push(...entry.means.map((w) => normalize(w, hant)).filter(Boolean));
      }
    const U = units.length;
    const { start, values: postings } = layOut(pairUnit, pairPosting, size, U);
    // Of the keys, only those in use are kept, with where their units start (the next one's start is the end): a
    // city's index would otherwise hold a slot for every possible key.
    const { start: byKey, values: keyUnits } = layOut(keyOf, keyUnit, keyOf.length, KEYS);
    const keyAt = new Map<number, number>();
    const keyStart: number[] = [];
    for (let k = 0; k < KEYS; k++) if (byKey[k + 1]! > byKey[k]!) keyAt.set(k, keyStart.push(byKey[k]!) - 1);
    keyStart.push(keyOf.length);
    return { start, postings, keyAt, keyStart, keyUnits };
  }
  const { start, postings, keyAt, keyStart, keyUnits } = indexTexts();
  const U = units.length;

  // Per-query scratch space, stamped so that nothing needs clearing between queries.
  const N = S + categories.length;
  const seen = new Int32Array(U);
  const count = new Int32Array(U);
  const lastAt = new Int32Array(U);
  const scored = new Int32Array(U);
  const unitTier = new Float64Array(U);
  const unitQuality = new Float64Array(U);
  const targetSeen = new Int32Array(N);
  const targetScore = new Float64Array(N);
  const targetPosting = new Int32Array(N);
  const targetUnit = new Int32Array(N);
  const dp = new Float64Array((MAX + 1) * (MAX + 1));
  const memoAt = new Int32Array(ROW * ROW);
  const memoScore = new Float64Array(ROW * ROW);
  const memoFlags = new Uint8Array(ROW * ROW);
  const memoEnd = new Uint8Array(ROW * ROW);
  const steps = new Float64Array(MAX * 256);
  const candidates = new Int32Array(U);
  const matched = new Int32Array(U);
  // Per unit, the English words (bit i: the query's word i) and the query's chars (bit i: char i) it holds, for
  // matches spread over a service's texts.
  const wordSeen = new Int32Array(U);
  const unitWords = new Int32Array(U);
  const unitSpan = new Int32Array(U);
  const worded = new Int32Array(U);
  const targetWords = new Int32Array(N);
  const targetSpan = new Int32Array(N);
  const targetSpanBest = new Int32Array(N);
  const targetWordSeen = new Int32Array(N);
  let wordedCount = 0;
  /** The whole query's distinct English words (sub-queries report their words as bits of these). */
  let queryWords: string[] = [];
  const targets = new Int32Array(N);
  let matchedCount = 0;
  let targetCount = 0;
  let stamp = 0;
  let round = 0;
  let memo = 0;
  let apartStamp: Int32Array | undefined;
  let apartUnit: Int32Array | undefined;
  let apartQuality: Float64Array | undefined;

  function prepare(input: string, synonym = false, part = 0): Query {
    const text = input.slice(0, 256);
    const q = normalize(text, hant).slice(0, MAX);
    const masks = new Int32Array(2 * MAX);
    let h = 0;
    for (let i = 0; i < q.length; i++) {
      const r = pinyin[q[i]!];
      if (!wide(q[i]!)) continue;
      h++;
      if (!r) continue;
      for (const x of r) (masks[2 * i]! |= syllable(x).bits[0]), (masks[2 * i + 1]! |= syllable(x).bits[1]);
    }
    const latin = h < q.length;
    const parts = h ? [] : text.split(/\s+/).filter((w) => normalize(w, hant));
    return { q, m: q.length, h, latin, masks, words: words(text), synonym, parts, part, fz: [], loose: loosen(q) };
  }

  /** 0.9 when syllable `a` is a reading of the query's char i, 0.7 when it sounds alike (fuzzy pinyin), else 0. */
  const homophone = (Q: Query, i: number, a: string | undefined): number => {
    const r = pinyin[Q.q[i]!];
    if (!r || !a) return 0;
    let w = 0;
    for (const x of r) w = x === a ? 0.9 : w || (fz(x) === fz(a) ? 0.7 : 0);
    return w;
  };

  /**
   * Best pinyin alignment of Q.q[i..] onto syllables j, j + 1, … (contiguous): the sum over query letters of
   * their weight (1 in a whole syllable, 0.8 in a prefix, 0.6 as an initial, 0.5 in a fuzzy spelling; a Han char
   * 1, or 0.9 / 0.7 as a homophone), or −1. memoFlags: 1 = a partial syllable, 2 = fuzzy; memoEnd: the
   * syllable after the match.
   */
  function align(Q: Query, x: Unit, n: number, i: number, j: number): number {
    const at = i * ROW + j;
    if (memoAt[at] === memo) return memoScore[at]!;
    let best = i === Q.m ? 0 : -1;
    let flags = 0;
    let end = j;
    if (i < Q.m && j < n) {
      // Ways to consume the query here, as (letters, weight per letter, flags) in steps[base ..].
      const base = i * 256;
      let k = base;
      const c = Q.q[i]!;
      if (wide(c)) {
        const w = c === x.s[j] ? 1 : homophone(Q, i, x.sy![j]);
        if (w) (steps[k++] = 1), (steps[k++] = w), (steps[k++] = w < 1 ? 2 : 0);
      } else
        for (let r = 0, alts = x.alts![j]!; r < alts.length; r++) {
          const a = alts[r]!;
          // Another reading of a heteronym counts a little less, a rare one (份 bin) less still.
          const weight = r ? (r > 1 ? 0.75 : 0.9) : 1;
          let l = 0;
          while (l < a.length && i + l < Q.m && Q.q[i + l] === a[l]) l++;
          for (let len = l; len > 0 && k < base + 240; len--) {
            steps[k++] = len;
            steps[k++] = weight * (len === a.length ? 1 : len === 1 || (len === 2 && a[1] === 'h') ? 0.6 : 0.8);
            steps[k++] = len < a.length ? 1 : 0;
          }
          // Fuzzy spellings (zh/z, ng/n, l/n, ü/u) and, in a longer syllable, one letter wrong, missing, extra or swapped.
          if (a.length > 1 && (c === a[0] || ((c === 'l' || c === 'n') && (a[0] === 'l' || a[0] === 'n'))))
            for (let len = Math.max(2, a.length - 2); len <= a.length + 2 && i + len <= Q.m && k < base + 240; len++)
              if ((Q.fz[i * 8 + len] ??= '~' + fuzzy(Q.q.slice(i, i + len))) === fz(a) || (c === a[0] && a.length > 2 && near(Q.q.slice(i, i + len), a)))
                (steps[k++] = len), (steps[k++] = 0.5), (steps[k++] = 2);
        }
      for (let o = base; o < k; o += 3) {
        const len = steps[o]!;
        const v = align(Q, x, n, i + len, j + 1);
        const next = (i + len) * ROW + j + 1;
        if (v >= 0 && v + len * steps[o + 1]! > best) {
          best = v + len * steps[o + 1]!;
          flags = steps[o + 2]! | memoFlags[next]!;
          end = memoEnd[next]!;
        }
      }
    }
    memoAt[at] = memo;
    memoScore[at] = best;
    memoFlags[at] = flags;
    memoEnd[at] = end;
    return best;
  }

  // The result of `match`: the best tier and quality, and (when asked for) the matched positions.
  let tier = 0;
  let quality = 0;
  let english = false;
  let wordsFound = 0;
  let spanFound = 0;
  /** The query as typed (normalised), not a rewrite: only its char positions are recorded. */
  let rootQuery = '';
  let marks: number[] | undefined;
  /** The window of the query a term was found in with chars put in (see match), or spreadEnd 0. */
  let spreadAt = 0;
  let spreadEnd = 0;
  const keep = (T: number, R: number, at?: number[], eng = false): void => {
    if (T + 0.7 * R <= tier + 0.7 * quality) return;
    tier = T;
    quality = R;
    english = eng;
    if (marks && at) marks.splice(0, marks.length, ...at);
  };
  /**
   * Where every char of `a` is found in `b` from `from` on, in order (read greedily): the first one's index, or −1;
   * orderEnd: after the last.
   */
  let orderEnd = 0;
  const inOrder = (a: string, b: string, from = 0): number => {
    let i = 0;
    let first = -1;
    let j = from;
    for (; j < b.length && i < a.length; j++) if (b[j] === a[i]) i++, first < 0 && (first = j);
    orderEnd = j;
    return i === a.length ? first : -1;
  };
  const maybe = (Q: Query, x: Unit, i: number, j: number): boolean =>
    !!x.bits && (Q.masks[2 * i]! & x.bits[2 * j]!) !== 0 && (Q.masks[2 * i + 1]! & x.bits[2 * j + 1]!) !== 0;
  const weigh = (Q: Query, x: Unit, i: number, j: number): number =>
    Q.q[i] === x.s[j] ? 1 : maybe(Q, x, i, j) ? homophone(Q, i, x.sy![j]) : 0;
  const pinyinQuality = (Q: Query, x: Unit, v: number, j: number, end: number): number =>
    (0.4 * v) / Q.m + (0.3 * (end - j)) / x.sy!.length + (j ? 0 : 0.3);

  /**
   * Scores Q against one unit into `tier` and `quality`. `found`: how many of the query's Han chars the unit
   * has (−1: unknown). `slow` adds character alignment with homophones and pinyin alignment. `pos`, when given,
   * receives the matched code-unit positions of the best match.
   */
  function match(Q: Query, x: Unit, found: number, slow: boolean, pos?: number[]): boolean {
    tier = quality = 0;
    english = false;
    wordsFound = spanFound = spreadEnd = 0;
    marks = pos;
    const { q, m } = Q;
    const { s, sy } = x;
    const n = s.length;
    const at = s.indexOf(q);
    if (at === 0 || (at > 0 && Q.h))
      // (In English, the start of a word comes after whole words: "tax" is a tax service before the taxi one.)
      keep(n === m ? EXACT : at ? SUBSTRING : !Q.h && x.stems && !x.han && midWord(x.raw, m) ? SUBSTRING - 0.5 : PREFIX, (0.6 * m) / n + 0.4 * (1 - at / n), pos && range(at, at + m));
    else if (Q.h) {
      if (n < m && q.includes(s) && (n > 1 || m < 3)) {
        keep(EMBEDDED, n / m, pos && range(0, n));
        if (q === rootQuery && m <= 30) spanFound = ((1 << n) - 1) << q.indexOf(s);
      }
      else if (slow && n <= MAX) {
        // Align only where some char of the query can only be there as a homophone.
        let homophones = false;
        for (let i = 0; i < m && !homophones; i++) {
          if (!wide(q[i]!) || s.includes(q[i]!)) continue;
          for (let j = 0; j < n && !homophones; j++) homophones = maybe(Q, x, i, j);
        }
        if (homophones || found < 0 || (m > 3 && found === m - 1)) alignChars(Q, x);
      } else if (found === Q.h) {
        // Every char, in order?
        const first = inOrder(q, s);
        if (first >= 0) keep(ABBREVIATION, (0.5 * m) / (orderEnd - first) + (first ? 0 : 0.3) + (0.2 * m) / n);
      }
      // The whole term (4+ chars) inside a longer request with a few chars put in (看完病交钱 ⊃ 看病交钱, 社保卡弄丢了 ⊃
      // 社保卡丢了): as a term inside, for less the more is put in. The tightest such window counts (and is what a
      // dictionary meaning replaces).
      if (n > 3 && n < m && (found < 0 || found >= n) && tier < EMBEDDED) {
        let best = n + 4;
        for (let p = q.indexOf(s[0]!); p >= 0; p = q.indexOf(s[0]!, p + 1))
          if (inOrder(s, q, p) >= 0 && orderEnd - p < best) (best = orderEnd - p), (spreadAt = p);
        if (best <= n + 3) (spreadEnd = spreadAt + best), keep(EMBEDDED, (n * n) / (m * best), pos && range(0, n));
      }
      if (slow && !tier && found > 1 && (found * 2 >= Q.h || shares(q, s))) keep(OVERLAP, (0.6 * found) / m + (0.4 * found) / n);
    }
    if (Q.latin && sy) {
      if (!Q.h) {
        // Fast: the query as a run of whole syllables (the last may be partial), or of initials.
        for (let p = x.joined!.indexOf(q); p >= 0; p = x.joined!.indexOf(q, p + 1)) {
          let j = 0;
          let o = 0;
          while (o < p) o += sy[j++]!.length;
          if (o !== p) continue;
          let e = j;
          while (o < p + m) o += sy[e++]!.length;
          const part = m - (o - p) + sy[e - 1]!.length;
          const full = part === sy[e - 1]!.length;
          const v = full ? m : m - part + part * (part === 1 || (part === 2 && sy[e - 1]![1] === 'h') ? 0.6 : 0.8);
          keep(full ? PINYIN : PINYIN_PART, pinyinQuality(Q, x, v, j, e), pos && range(j, e));
        }
        for (let j = x.initials!.indexOf(q); j >= 0; j = x.initials!.indexOf(q, j + 1))
          keep(PINYIN_PART, pinyinQuality(Q, x, 0.6 * m, j, j + m), pos && range(j, j + m));
      }
      if ((slow || Q.h) && (Q.h || loosely(Q.loose, x.loose!))) {
        // Slow: any mix of whole syllables, prefixes, initials, Han chars and fuzzy spellings.
        const k = Math.min(sy.length, MAX);
        memo++;
        for (let j = 0; j < k; j++) {
          const v = align(Q, x, k, 0, j);
          if (v < 0) continue;
          const flags = memoFlags[j]!;
          const end = memoEnd[j]!;
          keep(flags & 2 ? FUZZY : flags & 1 ? PINYIN_PART : PINYIN, pinyinQuality(Q, x, v, j, end), pos && range(j, end));
        }
      }
    }
    if (Q.words.length && x.stems) {
      let sum = 0;
      let got = 0;
      let typo = false;
      let prefix = false;
      for (const w of Q.words) {
        let b = 0;
        for (const t of x.stems) b = Math.max(b, t === w ? 1 : t.startsWith(w) ? 0.85 : w.length > 3 && near(t, w) ? 0.6 : 0);
        if (b) got++, (sum += b), (typo ||= b < 0.85), (prefix ||= b < 1);
        // (A rewrite's own words, not the query's, are not counted.)
        const bit = queryWords.indexOf(w);
        if (b && bit >= 0) wordsFound |= 1 << bit;
      }
      const k = Q.words.length;
      // (Whole words before the start of one: "tax" is tax before taxi. Beside Chinese, the words are a term inside.)
      if (got === k) keep(typo ? FUZZY : Q.h ? EMBEDDED : prefix ? SUBSTRING - 0.5 : SUBSTRING, (0.5 * sum) / k + (0.5 * k) / Math.max(k, x.stems.length), undefined, true);
      else if (got * 2 >= k && got) keep(OVERLAP, (0.5 * sum) / k, undefined, true);
    }
    // One word of spaced pinyin read as syllables: counts as that word found, like an English one (yi miao yu yue:
    // all four in 疫苗接种预约's name, with 接种 left out).
    if (Q.part && !Q.h && tier >= PINYIN_PART) {
      const bit = queryWords.indexOf(q);
      if (bit >= 0) wordsFound |= 1 << bit;
    }
    return tier > 0;
  }

  /** Weighted longest common subsequence of query and text chars: 1 the same, 0.9 a homophone, 0.7 a near one. */
  function alignChars(Q: Query, x: Unit): void {
    const { q, m } = Q;
    const { s } = x;
    const n = s.length;
    const W = n + 1;
    dp.fill(0, 0, W);
    for (let i = 1; i <= m; i++) {
      dp[i * W] = 0;
      for (let j = 1; j <= n; j++) {
        const w = weigh(Q, x, i - 1, j - 1);
        dp[i * W + j] = Math.max(dp[(i - 1) * W + j]!, dp[i * W + j - 1]!, w ? dp[(i - 1) * W + j - 1]! + w : 0);
      }
    }
    const total = dp[m * W + n]!;
    if (total * 2 < m && !shares(q, s)) return;
    let i = m;
    let j = n;
    let got = 0;
    let exact = 0;
    let blocks = 0;
    let first = 0;
    let last = -1;
    let previous = -1;
    // Whether every matched char is as far into the text as into the query, plus that distance.
    let inPlace = true;
    let offset = -1;
    const p: number[] = [];
    while (i && j) {
      const w = weigh(Q, x, i - 1, j - 1);
      if (w && dp[i * W + j] === dp[(i - 1) * W + j - 1]! + w) {
        // A new block unless the previous match was the next char of both.
        if (p[p.length - 1] !== j || previous !== i) blocks++;
        i--;
        j--;
        previous = i;
        got++;
        if (w === 1) exact++;
        if (last < 0) (last = j), (offset = j - i);
        inPlace &&= j - i === offset;
        first = j;
        p.push(j);
      } else if (dp[(i - 1) * W + j]! >= dp[i * W + j - 1]!) i--;
      else j--;
    }
    const R = (0.5 * total) / (last - first + 1) + (first ? 0 : 0.3) + (0.2 * m) / n;
    if (got === m) keep(exact === m ? ABBREVIATION : m > 2 && blocks === 1 && total > m - 0.15 ? HOMOPHONE : FUZZY, R, p);
    else if (got === m - 1 && exact === got && m > 3 && inPlace && offset >= 0 && offset + m <= n) keep(REPLACED, R, p);
    else if (got > 1) keep(got === n && exact === n && blocks === 1 ? EMBEDDED : OVERLAP, (0.6 * total) / m + (0.4 * got) / n, p);
  }

  /**
   * Scores the candidate units of Q into unitTier/unitQuality (`matched` collects the units scored this round);
   * returns whether some text matched the whole query as it is (no slow matchers were needed).
   */
  function evaluate(Q: Query): boolean {
    const gen = ++stamp;
    const { q, m } = Q;
    // Candidates: units with at least half the query's Han chars (or all of their own), or with its pinyin key.
    const lookups: number[] = [];
    if (Q.h) {
      for (let p = 0; p < m; p++) lookups.push(wide(q[p]!) ? HAN + q.charCodeAt(p) : -1);
      // And the Latin words among the chars (PM2.5多少, AQI指数).
      for (const w of Q.words) lookups.push(WORD + letters(w.slice(0, 2)));
    } else
      lookups.push(
        letters(q.slice(0, 3)),
        letters(q.replace(/^([zcs])h/, '$1').replace(/^l/, 'n').replace(/v/g, 'u').slice(0, 3)),
        // The second and third letters swapped (dain → dian, nain → nian): the aligner reads the swap.
        m > 2 ? letters(q[0]! + q[2] + q[1]) : -1,
        ...Q.words.map((w) => WORD + letters(w.slice(0, 2))),
      );
    let size = 0;
    for (let p = 0; p < lookups.length; p++) {
      const at = keyAt.get(lookups[p]!);
      if (at === undefined) continue;
      for (let k = keyStart[at]!, end = keyStart[at + 1]!; k < end; k++) {
        const u = keyUnits[k]!;
        if (seen[u] !== gen) (seen[u] = gen), (count[u] = 0), (lastAt[u] = -1), (candidates[size++] = u);
        if (lastAt[u] !== p) (lastAt[u] = p), count[u]!++;
      }
    }
    const rewrites = new Set<string>();
    let complete = false;
    const score = (u: number, slow: boolean): void => {
      const x = units[u]!;
      // Half the query's Han chars (or all of the text's); a second look at a longer request takes two (我要给孩子打疫苗).
      const need = Math.min(Math.ceil(Q.h / 2), x.han, slow ? 2 : MAX);
      if (count[u]! < need) return;
      // Pinyin or English at a glance: only texts holding the letters as a run of syllables or initials, or words.
      if (!Q.h && !slow && !x.stems && !x.joined?.includes(q) && !x.initials?.includes(q)) return;
      const found = match(Q, x, Q.h ? count[u]! : -1, slow);
      if (wordsFound || spanFound) {
        if (wordSeen[u] !== round) (wordSeen[u] = round), (unitWords[u] = unitSpan[u] = 0), (worded[wordedCount++] = u);
        unitWords[u]! |= wordsFound;
        unitSpan[u]! |= spanFound;
      }
      if (!found) return;
      let T = Q.synonym && tier > SYNONYM ? SYNONYM + (tier - SYNONYM) / 10 : tier;
      let R = quality;
      if (Q.part) (T = OVERLAP + (0.9 * Q.part * T) / 10), (R *= Q.part);
      if (scored[u] !== round) (scored[u] = round), (unitTier[u] = unitQuality[u] = 0), (matched[matchedCount++] = u);
      if (T + 0.7 * R > unitTier[u]! + 0.7 * unitQuality[u]!) (unitTier[u] = T), (unitQuality[u] = R);
      // (A dictionary word that only has a meaning finds nothing by itself.)
      complete ||= tier >= PINYIN_PART && tier !== ABBREVIATION && start[u + 1]! > start[u]!;
      // A dictionary word read as what it means (驾照 → 驾驶证), inside the query or as all of it.
      // (Found with chars put in, the meaning replaces that window: 公积金办到哪儿了 → 公积金进度.)
      if (!Q.synonym && tier >= EMBEDDED)
        for (const w of x.means ?? none) rewrites.add(q.includes(x.s) ? q.replace(x.s, w) : spreadEnd ? q.slice(0, spreadAt) + w + q.slice(spreadEnd) : w);
    };
    // Mixed Han and pinyin needs the slow matchers at once. Otherwise, when some text matched the whole query as
    // it is, that is what the citizen typed; only when none did (a typo, a fuzzy spelling, extra words; chars spread
    // over a text may be a typo too) do the slow matchers, partial overlaps and dictionary meanings come in.
    const mixed = Q.h > 0 && Q.latin;
    for (let k = 0; k < size; k++) score(candidates[k]!, mixed);
    if (complete) return true;
    if (!mixed && !Q.synonym) for (let k = 0; k < size; k++) score(candidates[k]!, true);
    for (const r of rewrites) evaluate(prepare(r, true));
    if (!Q.part && Q.parts.length > 1) for (const w of Q.parts) evaluate(prepare(w, Q.synonym, normalize(w, hant).length / m));
    return false;
  }

  const pathOf = (c: CatalogCategory | undefined): CatalogCategory[] =>
    (c?.path ?? []).flatMap((id) => {
      const i = categoryAt.get(id);
      return i === undefined ? [] : [categories[i]!];
    });

  /** The current query's highlights by text (a national index has one name in many cities). */
  const marked = new Map<string, Highlights>();
  /** Ranges of `text` that Q matches, in code units. */
  function mark(Q: Query, text: string, py?: readonly string[]): Highlights {
    let out = marked.get(text);
    if (!out) marked.set(text, (out = highlight(Q, text, py)));
    return out;
  }
  function highlight(Q: Query, text: string, py?: readonly string[]): Highlights {
    const offsets: number[] = [];
    const u = byRaw.get(text) ?? -1;
    const x = u < 0 ? describe(text, py, offsets) : (normalize(text, hant, offsets), units[u]!);
    const pos: number[] = [];
    const out: Highlights = [];
    if (!x.s || !match(Q, x, -1, true, pos)) return out;
    if (english) {
      for (const w of text.matchAll(/[a-z0-9]+/gi)) {
        const t = stem(w[0].toLowerCase());
        if (Q.words.some((q) => t === q || t.startsWith(q) || (q.length > 3 && near(t, q)))) out.push([w.index, w.index + w[0].length]);
      }
      return out;
    }
    for (const k of pos.sort((a, b) => a - b)) {
      const a = offsets[k]!;
      const b = a + (text.codePointAt(a)! > 0xffff ? 2 : 1);
      const prev = out[out.length - 1];
      if (prev && a <= prev[1]) prev[1] = Math.max(prev[1], b);
      else out.push([a, b]);
    }
    return out;
  }

  /** The term that gave target t its score with the ranges of it that Q matches, and those of `named`'s name. */
  function hitOf(Q: Query, t: number, named: { name: { 'zh-Hans': string }; search: SearchTerm[] }) {
    const p = targetPosting[t]!;
    const slot = (p >> 3) & 127;
    const owner = t < S ? services[t]! : categories[t - S]!;
    const found = slot === DICTIONARY ? undefined : owner.search[slot];
    const text = found?.text ?? units[targetUnit[t]!]!.raw;
    const name = named.name['zh-Hans'];
    const highlights = mark(Q, text, found?.pinyin);
    return {
      matched: { field: FIELDS[p & 7]!, text, highlights },
      highlights: text === name ? highlights : mark(Q, name, named.search.find((s) => s.text === name)?.pinyin),
    };
  }

  /**
   * Initials that no text holds in one run, as people shorten a name by leaving words out: each split of the
   * query into two runs of 2+ initials, the first starting a text of a service, the second in another of its texts
   * (jzcx: 驾照 + 信息查询) or later in the same one (ymyy: 疫苗接种预约). Quality: the runs' share of the texts.
   */
  function apart(q: string, offer: (t: number, score: number, posting: number, u: number) => void): void {
    const m = q.length;
    // (Scratch space, made on first use: per service, the stamp, unit and quality of its best first run.)
    apartStamp ??= new Int32Array(S);
    apartUnit ??= new Int32Array(S);
    apartQuality ??= new Float64Array(S);
    for (let k = 2; k <= m - 2; k++) {
      const a = q.slice(0, k);
      const b = q.slice(k);
      const gen = ++stamp;
      const first = keyAt.get(letters(a.slice(0, 3)));
      const second = keyAt.get(letters(b.slice(0, 3)));
      if (first === undefined || second === undefined) continue;
      for (let i = keyStart[first]!, end = keyStart[first + 1]!; i < end; i++) {
        const u = keyUnits[i]!;
        const initials = units[u]!.initials;
        if (!initials?.startsWith(a)) continue;
        const R = (0.5 * k) / initials.length + 0.3;
        for (let p = start[u]!, e = start[u + 1]!; p < e; p++) {
          const t = postings[p]! >>> 10;
          if (t < S && (apartStamp[t] !== gen || R > apartQuality[t]!)) (apartStamp[t] = gen), (apartUnit[t] = u), (apartQuality[t] = R);
        }
      }
      for (let i = keyStart[second]!, end = keyStart[second + 1]!; i < end; i++) {
        const u = keyUnits[i]!;
        // (Most texts with the second run belong to no service with the first: look at the text only if one does.)
        let p = start[u]!;
        const e = start[u + 1]!;
        while (p < e && apartStamp[postings[p]! >>> 10] !== gen) p++;
        const initials = units[u]!.initials;
        if (p === e || !initials?.includes(b)) continue;
        for (; p < e; p++) {
          const t = postings[p]! >>> 10;
          // (In one text, the second run comes after the first.)
          if (t >= S || apartStamp[t] !== gen || (apartUnit[t] === u && initials!.indexOf(b, k) < 0)) continue;
          const R = apartQuality[t]! + (0.5 * (m - k)) / initials!.length;
          offer(t, adjust(APART, postings[p]! & 7) + (0.7 * R) / 1.3 + popularity[t]!, postings[p]!, u);
        }
      }
    }
  }

  /**
   * The query's distinct Han chars and English words (up to 30 in all) and their rarity (idf over the catalog's
   * texts), or undefined for a query of fewer than two: weak evidence to add up, as BM25 adds up terms.
   */
  function rarity(Q: Query): { terms: string[]; weights: number[]; total: number } | undefined {
    const terms: string[] = [];
    const weights: number[] = [];
    let total = 0;
    const add = (term: string, df: number) => {
      if (!df || terms.includes(term) || terms.length === 30) return;
      const w = Math.log(1 + units.length / df);
      terms.push(term), weights.push(w), (total += w);
    };
    for (const c of Q.q) {
      const at = wide(c) ? keyAt.get(HAN + c.charCodeAt(0)) : undefined;
      if (at !== undefined) add(c, keyStart[at + 1]! - keyStart[at]!);
    }
    // (English words only: spaced pinyin is not evidence, yi miao yu yue would find Yuetong. Words that are all
    // syllables are read as pinyin; beside an English word, Hong Kong is English.)
    syllableSet ??= new Set(Object.values(pinyin).flat());
    const english = !queryWords.every((w) => syllableSet!.has(w));
    for (const w of english ? queryWords : none) {
      let df = wordCount.get(w);
      if (df === undefined) {
        // (How many texts have a word starting so, as matching reads words; counted once per word.)
        const at = keyAt.get(WORD + letters(w.slice(0, 2)));
        df = 0;
        if (at !== undefined) for (let k = keyStart[at]!, end = keyStart[at + 1]!; k < end; k++) if (hasWord(units[keyUnits[k]!], w)) df++;
        if (wordCount.size > 1000) wordCount.clear();
        wordCount.set(w, df);
      }
      add(w, df);
    }
    return terms.length > 1 ? { terms, weights, total } : undefined;
  }
  const wordCount = new Map<string, number>();
  let syllableSet: Set<string> | undefined;
  const hasWord = (x: Unit | undefined, w: string): boolean => !!x?.stems?.some((t) => t.startsWith(w));

  /**
   * The share of the query's chars and words, weighted by rarity, that service t's texts hold anywhere: the rest
   * of a request tells near-equal services apart (车被蹭了: 蹭 is in the accident service's 剐蹭, not in
   * move-my-car's 车被挡了; car accident: accident is the rarer word).
   */
  function evidence({ terms, weights, total }: { terms: string[]; weights: number[]; total: number }, t: number): number {
    let missing = (1 << terms.length) - 1;
    let found = 0;
    for (const term of services[t]!.search) {
      const x = units[byRaw.get(term.text) ?? -1];
      const s = x?.s ?? term.text;
      for (let i = 0; i < terms.length; i++) {
        const c = terms[i]!;
        if (missing & (1 << i) && (wide(c) ? s.includes(c) : hasWord(x, c))) (missing &= ~(1 << i)), (found += weights[i]!);
      }
      if (!missing) break;
    }
    return found / total;
  }

  function search(query: string, options: SearchOptions = {}): SearchResults {
    const result: SearchResults = { query, services: [], categories: [], groups: [], total: 0 };
    const Q = prepare(typeof query === 'string' ? query : '');
    if (!Q.m) return result;
    round++;
    matchedCount = targetCount = wordedCount = 0;
    marked.clear();
    queryWords = [...new Set(Q.words)].slice(0, 30);
    rootQuery = Q.q;
    const complete = evaluate(Q);

    // Each service and category takes its best-scoring text, adjusted for the field it is in.
    const offer = (t: number, score: number, posting: number, u: number): void => {
      if (targetSeen[t] !== round) (targetSeen[t] = round), (targetScore[t] = -1), (targets[targetCount++] = t);
      if (score > targetScore[t]!) (targetScore[t] = score), (targetPosting[t] = posting), (targetUnit[t] = u);
    };
    const byField = new Float64Array(8);
    for (let k = 0; k < matchedCount; k++) {
      const u = matched[k]!;
      for (let f = 0; f < 8; f++) byField[f] = adjust(unitTier[u]!, f) + 0.7 * unitQuality[u]!;
      for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
        const p = postings[k]!;
        const t = p >>> 10;
        offer(t, byField[p & 7]! + popularity[t]!, p, u);
      }
    }
    // Every English word of the query in the texts of one service or category, if in none of them alone; terms of
    // one service found side by side in the query, covering more of it than any one of them.
    const all = (1 << queryWords.length) - 1;
    for (let k = 0; k < wordedCount; k++) {
      const u = worded[k]!;
      const span = unitSpan[u]!;
      for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
        const t = postings[k]! >>> 10;
        if (targetWordSeen[t] !== round) (targetWordSeen[t] = round), (targetWords[t] = targetSpan[t] = targetSpanBest[t] = 0);
        if (queryWords.length > 1 && (targetWords[t]! |= unitWords[u]!) === all) offer(t, WORDS + 0.35 + popularity[t]!, postings[k]!, u);
        if (!span) continue;
        targetSpanBest[t] = Math.max(targetSpanBest[t]!, ones(span));
        const covered = ones((targetSpan[t]! |= span));
        if (covered > targetSpanBest[t]!) offer(t, TERMS + (0.7 * covered) / Q.m + popularity[t]!, postings[k]!, u);
      }
    }
    if (!complete && INITIALS.test(Q.q)) apart(Q.q, offer);
    // A category the query names brings its services along, below everything found by their own texts.
    const cats: number[] = [];
    for (let k = 0; k < targetCount; k++) if (targets[k]! >= S && targetScore[targets[k]!]! >= FUZZY) cats.push(targets[k]!);
    cats.sort((a, b) => targetScore[b]! - targetScore[a]!);
    // (The best few, and not inside one already taken: a category's services include its subcategories'.)
    const taken = new Set<string>();
    for (const t of cats.slice(0, 5)) {
      const c = categories[t - S]!;
      if (targetScore[t]! < SYNONYM || c.path.some((id) => taken.has(id))) continue;
      taken.add(c.id);
      for (const i of members[t - S]!) offer(i, CATEGORY + (0.3 * targetScore[t]!) / 11 + popularity[i]!, -1 - t, -1);
    }

    // The best `limit` services, by score then catalog order (most popular first); among the best few, the rest
    // of the query's chars and English words weigh in.
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const before = (a: number, b: number) => targetScore[a]! > targetScore[b]! || (targetScore[a] === targetScore[b] && a < b);
    const top: number[] = [];
    const K = Math.max(limit, RERANK);
    for (let k = 0; k < targetCount; k++) {
      const t = targets[k]!;
      if (t >= S) continue;
      result.total++;
      let at = top.length;
      while (at && before(t, top[at - 1]!)) at--;
      if (at < K) top.splice(at, 0, t), top.length > K && top.pop();
    }
    const rare = rarity(Q);
    if (rare) {
      // (Only the best RERANK, whatever the limit: the first results of a page do not depend on its length.)
      for (const t of top.slice(0, RERANK)) targetScore[t]! += EVIDENCE * evidence(rare, t);
      top.sort((a, b) => (before(a, b) ? -1 : 1));
    }
    top.length = Math.min(top.length, limit);

    result.services = top.map((i): ServiceHit => {
      const service = services[i]!;
      const p = targetPosting[i]!;
      const via = p < 0 ? categories[-1 - p - S] : undefined;
      const hit: ServiceHit = {
        service,
        score: targetScore[i]!,
        ...hitOf(Q, p < 0 ? -1 - p : i, service),
        path: pathOf(categories[categoryAt.get(service.categories[0]!) ?? -1]),
      };
      if (via) hit.via = via;
      return hit;
    });
    result.categories = cats.slice(0, options.categories ?? 5).map(
      (t): CategoryHit => ({
        category: categories[t - S]!,
        score: targetScore[t]!,
        ...hitOf(Q, t, categories[t - S]!),
        path: pathOf(categories[t - S]),
        services: members[t - S]!.slice(0, perCategory).map((i) => services[i]!),
      }),
    );
    const groups = new Map<string, ServiceGroup>();
    for (const hit of result.services) {
      const top = hit.path[0];
      if (!top) continue;
      let group = groups.get(top.id);
      if (!group) groups.set(top.id, (group = { category: top, services: [] }));
      group.services.push(hit);
    }
    result.groups = [...groups.values()];
    return result;
  }

  return { search, size: S };
}
