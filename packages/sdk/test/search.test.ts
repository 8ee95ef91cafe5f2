import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CityCatalog } from '@cityhub/schema';
import { buildEmbeddedCatalog, compileCatalog } from '@cityhub/schema/node';
import { createSearchIndex, type SearchIndex, type SearchResults } from '../src/search/index.js';

// A small hand-written catalog for two cities, compiled by the real compiler so that the search data
// (pinyin per term, traditional table, dictionary) is exactly what the engine gets in production.
const SZ = '440300';
const GZ = '440100';
const cat = (id: string, zh: string, en: string, order: number, parent?: string, keywords?: string[]) => ({
  id,
  name: { 'zh-Hans': zh, en },
  order,
  icon: id,
  ...(parent ? { parent } : {}),
  ...(keywords ? { keywords } : {}),
});
interface Def {
  code: string;
  zh: string;
  hant?: string;
  en: string;
  cats: string[];
  pop: number;
  keywords?: string[];
  synonyms?: string[];
  summary?: string;
}
const defs: Def[] = [
  { code: 'electricity-bill', zh: '电费缴纳', hant: '電費繳納', en: 'Electricity bill payment', cats: ['utilities'], pop: 90, synonyms: ['交电费'] },
  { code: 'gas-bill', zh: '燃气费缴纳', hant: '燃氣費繳納', en: 'Gas bill payment', cats: ['utilities'], pop: 80, keywords: ['燃气', '煤气'] },
  { code: 'water-bill', zh: '水费缴纳', hant: '水費繳納', en: 'Water bill payment', cats: ['utilities'], pop: 85, synonyms: ['交水费'] },
  { code: 'transit-card-top-up', zh: '交通卡充值', hant: '交通卡充值', en: 'Transit card top-up', cats: ['transit'], pop: 88 },
  { code: 'etc-top-up', zh: 'ETC充值', en: 'ETC top-up', cats: ['transit'], pop: 70 },
  { code: 'bus-arrivals', zh: '公交实时查询', hant: '公交實時查詢', en: 'Real-time bus arrivals', cats: ['transit'], pop: 92 },
  { code: 'metro-tickets', zh: '地铁购票', hant: '地鐵購票', en: 'Metro tickets', cats: ['transit'], pop: 75 },
  { code: 'driving-restriction', zh: '今日限行尾号', en: "Today's plate restriction", cats: ['transit'], pop: 60, keywords: ['限行', '尾号'] },
  { code: 'traffic-fine', zh: '交通罚款缴纳', hant: '交通罰款繳納', en: 'Traffic fine payment', cats: ['traffic-police'], pop: 95, keywords: ['交罚'] },
  { code: 'traffic-violation', zh: '交通违法查询', en: 'Traffic violation lookup', cats: ['traffic-police'], pop: 97, keywords: ['违章'] },
  { code: 'licence-info', zh: '驾驶证信息查询', en: "Driver's licence information", cats: ['vehicles'], pop: 65 },
  { code: 'licence-renewal', zh: '驾驶证期满换证', en: 'Driving licence renewal', cats: ['vehicles'], pop: 55 },
  { code: 'housing-fund-query', zh: '住房公积金查询', hant: '住房公積金查詢', en: 'Housing provident fund lookup', cats: ['housing-fund'], pop: 99, keywords: ['公积金'] },
  { code: 'housing-fund-withdrawal', zh: '住房公积金提取', en: 'Housing provident fund withdrawal', cats: ['housing-fund'], pop: 70 },
  { code: 'social-security-card', zh: '社会保障卡申领', hant: '社會保障卡申領', en: 'Social security card application', cats: ['social-security'], pop: 72, keywords: ['社保卡'] },
  { code: 'social-insurance-record', zh: '社会保险缴费记录', en: 'Social insurance contribution record', cats: ['social-security'], pop: 78 },
  { code: 'unemployment-benefit', zh: '失业保险金申领', en: 'Unemployment benefit claim', cats: ['social-security'], pop: 50 },
  { code: 'hospital-registration', zh: '医院预约挂号', hant: '醫院預約掛號', en: 'Hospital appointment booking', cats: ['medical'], pop: 93 },
  { code: 'vaccination', zh: '疫苗接种预约', en: 'Vaccination appointment', cats: ['medical'], pop: 58 },
  { code: 'marriage-registration', zh: '婚姻登记预约', hant: '婚姻登記預約', en: 'Marriage registration booking', cats: ['civil'], pop: 45, keywords: ['结婚'] },
  { code: 'id-card-progress', zh: '身份证办理进度查询', hant: '身份證辦理進度查詢', en: 'Identity card application progress', cats: ['household'], pop: 68, keywords: ['身份证'] },
  { code: 'exit-entry-progress', zh: '出入境证件办理进度查询', en: 'Exit-entry document progress', cats: ['exit-entry'], pop: 74, keywords: ['港澳通行证', '护照'] },
  { code: 'legal-aid', zh: '法律援助申请', en: 'Legal aid application', cats: ['legal'], pop: 30 },
  { code: 'school-enrolment', zh: '义务教育入学报名', en: 'School enrolment', cats: ['education'], pop: 52, keywords: ['入学', '上学'] },
  { code: 'exam-results', zh: '中考成绩查询', en: 'High-school entrance exam results', cats: ['education'], pop: 48, synonyms: ['查分'] },
  { code: 'income-tax', zh: '个人所得税查询', en: 'Personal income tax lookup', cats: ['tax'], pop: 62, keywords: ['个税'] },
];
const standard = {
  schemaVersion: '1.0',
  categories: [
    cat('public-security', '公安', 'Public security', 1),
    cat('household', '户政', 'Household registration', 1, 'public-security', ['户口']),
    cat('exit-entry', '出入境', 'Exit and entry', 2, 'public-security'),
    cat('traffic', '交通出行', 'Transport', 2, undefined, ['交通']),
    cat('traffic-police', '交通违法', 'Traffic violations', 1, 'traffic', ['交警']),
    cat('transit', '公交地铁', 'Public transit', 2, 'traffic'),
    cat('vehicles', '车驾管', 'Vehicles and drivers', 3, 'traffic', ['驾驶证']),
    cat('social-security', '社会保障', 'Social security', 3, undefined, ['社保']),
    cat('housing-fund', '住房公积金', 'Housing provident fund', 4, undefined, ['公积金']),
    cat('medical', '医疗健康', 'Health', 5, undefined, ['医疗']),
    cat('utilities', '生活缴费', 'Utility bills', 6, undefined, ['缴费']),
    cat('civil', '民政', 'Civil affairs', 7),
    cat('legal', '法律服务', 'Legal services', 8),
    cat('education', '教育', 'Education', 9),
    cat('tax', '税务', 'Tax', 10),
  ],
  services: defs.map((d) => ({
    code: d.code,
    name: { 'zh-Hans': d.zh, ...(d.hant ? { 'zh-Hant': d.hant } : {}), en: d.en },
    description: { 'zh-Hans': d.zh },
    kind: 'query',
    categories: d.cats,
    identity: 'none',
    popularity: d.pop,
    delivery: { type: 'info' },
    ...(d.keywords ? { keywords: d.keywords } : {}),
    ...(d.synonyms ? { synonyms: d.synonyms } : {}),
  })),
  synonyms: [
    { terms: ['驾照'], means: ['驾驶证'] },
    { terms: ['罚单', '罚款单'], services: ['traffic-fine'] },
    { terms: ['看病', '看医生'], services: ['hospital-registration'], categories: ['medical'] },
    { terms: ['离婚'], services: ['marriage-registration'] },
    { terms: ['小孩上学', '孩子上学'], services: ['school-enrolment'] },
    { terms: ['交税', '报税'], services: ['income-tax'], categories: ['tax'] },
    { terms: ['打针'], means: ['疫苗'] },
  ],
};
const city = (code: string, zh: string, pinyin: string) => ({
  code,
  name: { 'zh-Hans': zh },
  province: { code: '440000', name: { 'zh-Hans': '广东省' } },
  level: 'sub-provincial',
  pinyin,
});
const cards: Record<string, { name: string; keyword: string }> = {
  [SZ]: { name: '深圳通充值', keyword: '深圳通' },
  [GZ]: { name: '羊城通充值', keyword: '羊城通' },
};
const provider = {
  schemaVersion: '1.0',
  provider: {
    id: 'city-bureaus',
    name: { 'zh-Hans': '市政务服务数据管理局' },
    classification: 'government',
    authority: { name: { 'zh-Hans': '市政务服务数据管理局' } },
    integration: 'directory',
  },
  services: defs.map((d) => ({
    service: d.code,
    bindings: [SZ, GZ].map((c) =>
      d.code === 'transit-card-top-up' ? { city: c, localName: { 'zh-Hans': cards[c]!.name }, keywords: [cards[c]!.keyword] } : { city: c },
    ),
  })),
};
const compiled = compileCatalog({
  cities: { file: 'cities.json', data: { schemaVersion: '1.0', cities: [city(SZ, '深圳', 'shenzhen'), city(GZ, '广州', 'guangzhou')] } },
  standard: { file: 'standard.json', data: standard },
  providers: [{ file: 'providers/city.json', data: provider }],
});
const sz = createSearchIndex(compiled.catalogs.get(SZ)!);
const gz = createSearchIndex(compiled.catalogs.get(GZ)!);

const names = (r: SearchResults) => r.services.map((h) => h.service.standardName['zh-Hans']);
const top = (index: SearchIndex, q: string, n = 5) => names(index.search(q)).slice(0, n);
function inTop(index: SearchIndex, q: string, expected: string, n = 5): void {
  const got = top(index, q, n);
  assert.ok(got.includes(expected), `"${q}": expected ${expected} in top ${n}, got ${JSON.stringify(got)}`);
}
function first(index: SearchIndex, q: string, expected: string): void {
  assert.equal(top(index, q, 1)[0], expected, `"${q}" → ${JSON.stringify(top(index, q))}`);
}
const bold = (text: string, ranges: Array<[number, number]>) => ranges.map(([a, b]) => text.slice(a, b)).join('|');

describe('createSearchIndex: what people type', () => {
  it('finds exact names first', () => {
    first(sz, '电费缴纳', '电费缴纳');
    first(sz, '住房公积金提取', '住房公积金提取');
    const hit = sz.search('电费缴纳').services[0]!;
    assert.equal(hit.matched.field, 'name');
    assert.deepEqual(hit.highlights, [[0, 4]]);
    assert.deepEqual(hit.matched.highlights, [[0, 4]]);
  });

  it('finds partial words and prefixes', () => {
    first(sz, '燃气费', '燃气费缴纳');
    first(sz, '出入', '出入境证件办理进度查询');
    first(sz, '出入境', '出入境证件办理进度查询');
    first(sz, '预约挂号', '医院预约挂号');
    first(sz, '法律', '法律援助申请');
    assert.deepEqual(new Set(top(sz, '充值', 2)), new Set(['交通卡充值', 'ETC充值']));
  });

  it('reads abbreviations: 社保 finds the 社会保障 services and the 社保 category with its services', () => {
    const r = sz.search('社保');
    for (const name of ['社会保障卡申领', '社会保险缴费记录']) assert.ok(names(r).slice(0, 5).includes(name), `${name} in ${names(r)}`);
    const card = r.services.find((h) => h.service.code === 'social-security-card')!;
    assert.deepEqual([card.matched.field, card.matched.text, bold(card.matched.text, card.matched.highlights)], ['keyword', '社保卡', '社保']);
    assert.equal(bold(card.service.name['zh-Hans'], card.highlights), '社|保');
    const category = r.categories[0]!;
    assert.equal(category.category.id, 'social-security');
    assert.deepEqual(category.path.map((c) => c.id), ['social-security']);
    assert.ok(category.services.some((s) => s.code === 'unemployment-benefit'));
    inTop(sz, '失业金', '失业保险金申领', 1);
  });

  it('公积金 finds every housing-fund service, the category, and groups them', () => {
    const r = sz.search('公积金');
    assert.deepEqual(new Set(names(r).slice(0, 2)), new Set(['住房公积金查询', '住房公积金提取']));
    assert.equal(r.categories[0]?.category.id, 'housing-fund');
    assert.equal(r.groups[0]?.category.id, 'housing-fund');
    assert.equal(r.groups[0]?.services.length, 2);
    const hit = r.services.find((h) => h.service.code === 'housing-fund-withdrawal')!;
    assert.equal(bold(hit.service.name['zh-Hans'], hit.highlights), '公积金');
  });

  it('gives each service hit its category path, top-level first', () => {
    const hit = sz.search('交通罚款').services[0]!;
    assert.equal(hit.service.code, 'traffic-fine');
    assert.deepEqual(hit.path.map((c) => c.id), ['traffic', 'traffic-police']);
    const r = sz.search('交通');
    assert.ok(r.categories.some((c) => c.category.id === 'traffic' && c.services.length > 0));
    assert.ok(r.total >= 8, 'a category query lists the services in it');
    assert.equal(r.groups[0]?.category.id, 'traffic');
  });

  it('reads traditional Chinese', () => {
    first(sz, '婚姻登記', '婚姻登记预约');
    first(sz, '燃氣費', '燃气费缴纳');
    first(sz, '身份證', '身份证办理进度查询');
    first(sz, '社會保障卡', '社会保障卡申领');
    // 個人所得稅 has no traditional name in the catalog: it is read through the traditional → simplified table,
    // as well as the simplified query (not merely as a homophone).
    const score = (q: string) => sz.search(q).services[0]!.score;
    assert.equal(score('個人所得稅'), score('个人所得税'));
    assert.equal(score('法律援助申請'), score('法律援助申请'));
    const hit = sz.search('社會保障卡').services[0]!;
    assert.equal(bold(hit.service.name['zh-Hans'], hit.highlights), '社会保障卡');
  });

  it('reads full pinyin, spaced or not, and pinyin prefixes', () => {
    first(sz, 'ranqi', '燃气费缴纳');
    first(sz, 'gongjiao', '公交实时查询');
    first(sz, 'hunyin', '婚姻登记预约');
    first(sz, 'jiao tong ka', '交通卡充值');
    first(sz, 'ranq', '燃气费缴纳');
    inTop(sz, 'gongjijin', '住房公积金查询', 2);
    inTop(sz, 'gong ji jin', '住房公积金提取', 2);
    inTop(sz, 'gongj', '住房公积金查询');
    inTop(sz, 'xianxing', '今日限行尾号', 1);
    const hit = sz.search('ranqi').services[0]!;
    assert.equal(bold(hit.service.name['zh-Hans'], hit.highlights), '燃气');
  });

  it('reads initials', () => {
    inTop(sz, 'rq', '燃气费缴纳', 1);
    inTop(sz, 'gjj', '住房公积金查询', 2);
    inTop(sz, 'hydj', '婚姻登记预约', 1);
    inTop(sz, 'dt', '地铁购票', 3);
    inTop(sz, 'xx', '今日限行尾号');
    inTop(sz, 'sb', '社会保障卡申领');
  });

  it('reads initials with words left out, as people shorten names', () => {
    // One text with a gap (疫苗[接种]预约, 驾驶证[信息]查询), or two texts of one service (个税 + 个人所得税查询).
    first(sz, 'ymyy', '疫苗接种预约');
    first(sz, 'jszcx', '驾驶证信息查询');
    first(sz, 'gscx', '个人所得税查询');
    first(sz, 'sbksl', '社会保障卡申领');
    // Spaced pinyin with a word left out: every syllable in one name (yi miao [jie zhong] yu yue).
    first(sz, 'yi miao yu yue', '疫苗接种预约');
    // A 3-char term with a char put in is not that term: 交电话费 (phone bill) is not 交电费 (electricity).
    assert.ok(sz.search('交电话费').services.every((h) => h.score < 3.4), '交电话费');
    // Initials found whole are read whole (the pinyin-parts tier, 5), not as a pair of runs (3.52).
    assert.ok(sz.search('gjjcx').services[0]!.score >= 5, 'gjjcx');
  });

  it('reads mixed pinyin and characters', () => {
    inTop(sz, 'gong积金', '住房公积金查询', 2);
    inTop(sz, '燃qi', '燃气费缴纳', 1);
  });

  it('forgives typos: homophones, near pinyin, a wrong character', () => {
    inTop(sz, '公基金', '住房公积金查询', 2);
    first(sz, '身分证', '身份证办理进度查询');
    inTop(sz, '公积经', '住房公积金查询', 2);
    first(sz, 'hunying', '婚姻登记预约');
    inTop(sz, 'gongjijing', '住房公积金查询', 2);
    first(sz, 'zufang', '住房公积金查询');
    inTop(sz, 'vacination', '疫苗接种预约', 1);
  });

  it('ranks exact > prefix > substring > pinyin > fuzzy', () => {
    const score = (q: string, code: string) => sz.search(q).services.find((h) => h.service.code === code)?.score ?? 0;
    const exact = score('地铁购票', 'metro-tickets');
    const prefix = score('地铁', 'metro-tickets');
    const substring = score('购票', 'metro-tickets');
    const pinyin = score('goupiao', 'metro-tickets');
    const initials = score('gp', 'metro-tickets');
    assert.ok(exact > prefix && prefix > substring && substring > pinyin && pinyin > initials, `${[exact, prefix, substring, pinyin, initials]}`);
    // Popularity breaks ties: both names contain 公积金 at the same place, the more popular comes first.
    assert.deepEqual(top(sz, '住房公积金', 2), ['住房公积金查询', '住房公积金提取']);
  });

  it('understands colloquial words through the synonym dictionary', () => {
    first(sz, '罚单', '交通罚款缴纳');
    first(sz, '停车罚单', '交通罚款缴纳');
    first(sz, '看病', '医院预约挂号');
    first(sz, '看医生', '医院预约挂号');
    first(sz, '交水费', '水费缴纳');
    first(sz, '离婚', '婚姻登记预约');
    first(sz, '小孩上学', '义务教育入学报名');
    first(sz, '查分', '中考成绩查询');
    first(sz, '交税', '个人所得税查询');
    assert.deepEqual(new Set(top(sz, '驾照', 2)), new Set(['驾驶证信息查询', '驾驶证期满换证']));
    first(sz, '驾照换证', '驾驶证期满换证');
    first(sz, '打针', '疫苗接种预约');
    const r = sz.search('看病');
    assert.ok(r.categories.some((c) => c.category.id === 'medical'));
    assert.equal(r.services[0]!.matched.field, 'synonym');
  });

  it('finds known words inside longer requests', () => {
    first(sz, '交燃气费', '燃气费缴纳');
    first(sz, '补办身份证', '身份证办理进度查询');
    first(sz, '我想查一下公积金', '住房公积金查询');
  });

  it('reads English names and words', () => {
    first(sz, 'gas bill', '燃气费缴纳');
    first(sz, 'bus', '公交实时查询');
    first(sz, 'vaccine', '疫苗接种预约');
    assert.deepEqual(new Set(top(sz, 'driver license', 2)), new Set(['驾驶证信息查询', '驾驶证期满换证']));
    assert.deepEqual(new Set(top(sz, 'driving licence', 2)), new Set(['驾驶证信息查询', '驾驶证期满换证']));
    first(sz, 'pay my water bill', '水费缴纳');
    const hit = sz.search('gas bill').services[0]!;
    assert.equal(hit.matched.field, 'en');
    assert.equal(bold(hit.matched.text, hit.matched.highlights), 'Gas|bill');
    assert.deepEqual(hit.highlights, [], 'the Chinese name has no English words to bold');
    first(sz, 'etc', 'ETC充值');
  });

  it('knows each city by its local names', () => {
    first(gz, '羊城通', '交通卡充值');
    first(gz, '羊城通充值', '交通卡充值');
    first(sz, '深圳通充值', '交通卡充值');
    assert.equal(gz.search('羊城通').services[0]!.service.name['zh-Hans'], '羊城通充值');
    assert.deepEqual(gz.search('羊城通').services[0]!.highlights, [[0, 3]]);
    assert.notEqual(top(sz, '羊城通', 1)[0], '交通卡充值', '深圳 has no 羊城通');
    first(gz, 'yangchengtong', '交通卡充值');
    first(gz, 'yct', '交通卡充值');
  });

  it('finds a known word in a long request, and says where', () => {
    first(sz, '我想查一下我的公积金余额', '住房公积金查询');
    inTop(sz, '我要给孩子打疫苗', '疫苗接种预约', 2);
    const hit = sz.search('挂个号').services[0]!;
    assert.equal(hit.service.code, 'hospital-registration');
    assert.equal(bold(hit.service.name['zh-Hans'], hit.highlights), '挂号');
  });

  it('marks services found only through their category', () => {
    const r = sz.search('交通');
    const metro = r.services.find((h) => h.service.code === 'metro-tickets');
    assert.equal(metro?.via?.id, 'traffic');
    assert.equal(metro?.highlights.length, 0);
    const direct = r.services.find((h) => h.service.code === 'traffic-fine')!;
    assert.equal(direct.via, undefined);
    assert.ok(direct.score > metro!.score, 'a service naming the word ranks above one only in the category');
  });

  it('leaves the catalog untouched and reports its size', () => {
    const catalog = compiled.catalogs.get(SZ)!;
    const before = JSON.stringify(catalog);
    const index = createSearchIndex(catalog);
    for (const q of ['社保', 'gjj', '驾照', 'gas bill', '公基金']) index.search(q);
    assert.equal(JSON.stringify(catalog), before);
    assert.equal(index.size, catalog.services.length);
  });

  it('returns nothing for empty or whitespace queries', () => {
    for (const q of ['', '   ', '\n\t', '，。！']) {
      const r = sz.search(q);
      assert.deepEqual([r.services.length, r.categories.length, r.groups.length, r.total], [0, 0, 0, 0]);
    }
  });

  it('respects limit and counts every match', () => {
    const r = sz.search('查询', { limit: 3 });
    assert.equal(r.services.length, 3);
    assert.ok(r.total > 3);
    assert.equal(sz.search('查询', { limit: 0 }).services.length, 0);
  });

  it('never throws on arbitrary input, and highlights stay inside their texts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 1200 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('.*+?^${}()|[]\\', '😀🚌🏥', '公'.repeat(1000), 'a'.repeat(1000), '\u0000\ud800')), (q) => {
        const r = sz.search(q, { limit: 10 });
        assert.ok(r.services.length <= 10);
        for (const hit of r.services) {
          for (const [a, b] of hit.highlights) assert.ok(a >= 0 && a < b && b <= hit.service.name['zh-Hans'].length);
          for (const [a, b] of hit.matched.highlights) assert.ok(a >= 0 && a < b && b <= hit.matched.text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('createSearchIndex on the embedded sample catalog', () => {
  let catalogs: Map<string, CityCatalog> | undefined;
  before(async () => {
    try {
      catalogs = (await buildEmbeddedCatalog()).catalogs;
    } catch {
      catalogs = undefined;
    }
  });

  it('finds every city’s services by their own, traditional and English names', (t) => {
    if (!catalogs) return t.skip('embedded catalog not available');
    const misses: string[] = [];
    for (const catalog of catalogs.values()) {
      const index = createSearchIndex(catalog);
      for (const service of catalog.services)
        for (const name of [service.name['zh-Hans'], service.standardName['zh-Hans'], service.name['zh-Hant'], service.name.en]) {
          if (!name) continue;
          const got = index.search(name).services.slice(0, 3).map((h) => h.service.code);
          if (!got.includes(service.code)) misses.push(`${catalog.city.code} "${name}" → ${got.join(', ')}`);
        }
    }
    assert.deepEqual(misses, []);
  });

  it('finds each city’s local names by characters, full pinyin and initials', (t) => {
    if (!catalogs) return t.skip('embedded catalog not available');
    for (const catalog of catalogs.values()) {
      const index = createSearchIndex(catalog);
      for (const service of catalog.services.filter((s) => s.name['zh-Hans'] !== s.standardName['zh-Hans'])) {
        assert.equal(index.search(service.name['zh-Hans']).services[0]?.service.code, service.code, `${catalog.city.code} ${service.name['zh-Hans']}`);
        // Its initials and full pinyin find it too (深圳通充值 → szt, shenzhentong).
        const py = service.search.find((s) => s.text === service.name['zh-Hans'])?.pinyin;
        if (py && py.every((p) => /^[a-z]+$/.test(p)) && py.length >= 3) {
          const full = py.join('');
          const initials = py.map((p) => p[0]).join('');
          assert.ok(index.search(full).services.slice(0, 5).some((h) => h.service.code === service.code), `${full}`);
          assert.ok(index.search(initials).services.slice(0, 10).some((h) => h.service.code === service.code), `${initials}`);
        }
      }
    }
  });

  it('reads what the hand-written catalog cannot show: whole-name homophones and wrong chars, swapped pinyin letters, every traditional form, English whole words and words across texts, the rest of a request', (t) => {
    if (!catalogs) return t.skip('embedded catalog not available');
    const index = createSearchIndex(catalogs.get('440300')!);
    const ranked = (q: string) => index.search(q).services.map((h) => h.service.standardName['zh-Hans']);
    // The name as typed with one char a homophone beats services that merely carry a word inside it (驾驶证).
    assert.equal(ranked('驾驶证期满换正')[0], '驾驶证期满换证');
    assert.equal(ranked('公积金代款')[0], '公积金贷款查询');
    // One char wrong in place, even one the catalog has no reading for (简 is nowhere in 深圳's catalog).
    assert.equal(ranked('机动车年简')[0], '机动车年检预约');
    // Two letters swapped inside a syllable (guan → gaun, lei → lie).
    assert.equal(ranked('tushugaun')[0], '图书馆信用借阅');
    assert.equal(ranked('lajifenlie')[0], '垃圾分类查询');
    // 颱 is a traditional form of 台 that OpenCC's 台 → 臺 conversion does not give.
    assert.equal(ranked('颱風')[0], '天气预报');
    // Whole words first: "tax" is the tax services before the taxi complaint.
    assert.notEqual(ranked('tax')[0], '出租车投诉');
    assert.equal(ranked('taxi')[0], '出租车投诉');
    // English words spread over a service's texts: keyword "police clearance" + name "Certificate of …".
    assert.equal(ranked('police clearance certificate')[0], '无犯罪记录证明');
    assert.equal(ranked('driving theory test')[0], '驾驶人考试预约');
    // Two of one service's terms side by side in a request (毕业证 … 学位证) beat one term of another.
    assert.equal(ranked('毕业证学位证怎么查真假')[0], '学位查询');
    // A Latin term inside a Chinese request.
    assert.equal(ranked('PM2.5多少')[0], '空气质量查询');
    // The rest of a request tells near-equal services apart: 蹭 is in the accident service's texts (剐蹭), not in
    // move-my-car's (车被挡了); 拖 and 欠 point to arbitration rather than legal aid (被欠工资).
    assert.equal(ranked('车被蹭了')[0], '交通事故快处快赔');
    assert.equal(ranked('工资被拖欠')[0], '劳动仲裁申请');
    assert.equal(ranked('違停檢舉')[0], '车辆违停举报');
    // English words too, by rarity: both services are in the "Move-my-car & accidents" category; "accident" is the
    // rarer word, and only the accident service's own texts hold it (the other holds "car").
    assert.equal(ranked('car accident')[0], '交通事故快处快赔');
    // A term of the dictionary inside a request with chars put in (看病交钱 in 看完病怎么交钱): not the bills that
    // 交钱 (pay) alone would read as.
    assert.equal(ranked('看完病怎么交钱')[0], '门诊缴费');
    // A dictionary phrase read as what it means inside a request: 办到哪一步 → 进度, so 护照…进度 (a keyword).
    assert.equal(ranked('护照办到哪一步了')[0], '出入境证件办理进度查询');
    // …replacing only the window it was found in: 公积金办到哪儿了 is about 公积金, not any progress lookup.
    assert.match(ranked('公积金办到哪儿了')[0]!, /公积金/);
    // Initials with words left out: 低保 (a keyword) + 申请 (in the name).
    assert.equal(ranked('dbsq')[0], '最低生活保障申请');
  });

  it('returns the whole branch for a category word, with paths', (t) => {
    if (!catalogs) return t.skip('embedded catalog not available');
    const catalog = catalogs.get('440300')!;
    const index = createSearchIndex(catalog);
    for (const category of catalog.categories.filter((c) => c.path.length === 1)) {
      const r = index.search(category.name['zh-Hans']);
      const hit = r.categories.find((c) => c.category.id === category.id);
      assert.ok(hit, `${category.name['zh-Hans']} names its category`);
      assert.ok(hit.services.length > 0);
      assert.deepEqual(hit.path.map((c) => c.id), [category.id]);
      for (const h of r.services) assert.equal(h.path.at(-1)?.id, h.service.categories[0], 'a hit’s path ends at its primary category');
    }
  });
});
