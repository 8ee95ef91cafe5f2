import type { IdentityRequirement, ProcessingTime } from '@cityhub/schema';
import type { Locale } from '../i18n/index.js';

/**
 * Strings only the hub shell shows (the shared ones — loading, retry, stale notice, statuses — come from
 * `MESSAGES`). Every locale's table must be complete; parametrised messages are functions.
 */
export interface HubMessages {
  title: string;
  navLabel: string;
  home: string;
  orders: string;
  favourites: string;
  changeCity: (city: string) => string;
  chooseCityHeading: string;
  chooseCityIntro: string;
  elderMode: string;
  /** The elder-mode text size choice: its label and the name of each size (24, 28, 32 px). */
  textSize: string;
  textSizes: readonly [string, string, string];
  language: string;
  /** Each locale's name in its own language (the same in every table). */
  localeNames: Readonly<Record<Locale, string>>;
  viewOpened: (title: string) => string;

  backHome: string;
  backPrevious: string;
  backExit: string;

  popular: string;
  categories: string;
  topics: string;
  recent: string;
  subcategories: string;
  catalogUpdated: (time: string) => string;
  notFound: string;
  notFoundService: string;
  /** Heading and text when the catalog has no such city (an unknown or not yet offered city code). */
  cityNotOffered: string;
  cityNotOfferedText: (code: string) => string;
  goHome: string;

  standardName: string;
  details: string;
  kind: string;
  identity: string;
  identityLevels: Readonly<Record<IdentityRequirement, string>>;
  processingTime: string;
  duration: (time: ProcessingTime) => string;
  costs: string;
  costFree: string;
  costByBill: string;
  documents: string;
  documentRequired: string;
  documentOptional: string;
  provider: string;
  operator: string;
  phone: string;
  website: string;
  address: string;
  hours: string;
  newWindow: string;

  maintenanceHeading: string;
  maintenanceUntil: (time: string) => string;
  unavailable: string;
  alternative: string;
  alternativeLink: string;
  retired: string;
  replacedBy: string;
  signInNeeded: string;
  /** The user is signed in (real-name) but the service needs face verification. */
  faceNeeded: string;

  continueHeading: string;
  continueWeb: (provider: string, host: string) => string;
  continueLink: (host: string) => string;
  platforms: Readonly<Record<'wechat' | 'alipay', string>>;
  continueMiniProgram: (platform: string, provider: string) => string;
  miniProgramHint: (platform: string, service: string) => string;
  continueFallback: (host: string) => string;
  continueApp: (app: string) => string;
  openApp: (app: string) => string;
  appHint: (app: string) => string;
  continueOpen311: (provider: string, host: string) => string;
  continueToForm: string;
  linkUnavailable: string;

  favourite: string;
  favouritesEmpty: string;
  recentEmpty: string;
  otherCity: (city: string) => string;

  ordersEmpty: string;
  ordersSignIn: string;
  /** A hub on static catalogs only (`catalog-url`, no `api`): browsing works; nothing can be submitted. */
  browseOnly: string;
  ordersError: string;
  orderUpdated: (time: string) => string;
  orderCreated: string;
  removeFavourite: (service: string) => string;
  viewOrders: string;

  payHeading: string;
  /** Reloaded before a payment was created: the bill itself is kept nowhere on the device. */
  payBillGone: string;
}

const zhHans: HubMessages = {
  title: '城市服务',
  navLabel: '城市服务导航',
  home: '首页',
  orders: '我的办件',
  favourites: '我的收藏',
  changeCity: (city) => `${city}，切换城市`,
  chooseCityHeading: '选择城市',
  chooseCityIntro: '选择您所在的城市，查看当地可办理的服务。',
  elderMode: '长辈模式',
  textSize: '字号',
  textSizes: ['大', '更大', '特大'],
  language: '语言',
  localeNames: { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' },
  viewOpened: (title) => `已进入“${title}”`,

  backHome: '返回首页',
  backPrevious: '返回上一页',
  backExit: '返回',

  popular: '热门服务',
  categories: '服务分类',
  topics: '主题服务',
  recent: '最近使用',
  subcategories: '细分类别',
  catalogUpdated: (time) => `服务目录更新于 ${time}`,
  notFound: '没有找到这个页面',
  notFoundService: '没有找到该服务，它可能已下线，或本城市未提供。',
  cityNotOffered: '暂未开通这座城市',
  cityNotOfferedText: (code) => `城市服务暂未覆盖行政区划代码为 ${code} 的城市。请选择其他城市。`,
  goHome: '回到首页',

  standardName: '标准名称',
  details: '办事指南',
  kind: '服务类型',
  identity: '身份要求',
  identityLevels: { none: '无需实名', 'real-name': '需要实名认证', face: '需要刷脸认证' },
  processingTime: '办理时限',
  duration: (t) => ({ instant: '即时办结', minutes: `${t.value ?? 1} 分钟`, hours: `${t.value ?? 1} 小时`, days: `${t.value ?? 1} 天`, 'working-days': `${t.value ?? 1} 个工作日` })[t.unit],
  costs: '收费',
  costFree: '免费',
  costByBill: '按账单金额',
  documents: '所需材料',
  documentRequired: '必需',
  documentOptional: '可选',
  provider: '提供单位',
  operator: '运营单位',
  phone: '咨询电话',
  website: '网站',
  address: '地址',
  hours: '服务时间',
  newWindow: '（在新窗口打开）',

  maintenanceHeading: '服务维护中',
  maintenanceUntil: (time) => `预计恢复时间：${time}`,
  unavailable: '本市暂未开通此服务。',
  alternative: '本市通过其他渠道提供此服务。',
  alternativeLink: '前往其他渠道办理',
  retired: '该服务已停用。',
  replacedBy: '请改用',
  signInNeeded: '此服务需要实名认证。请先在您使用的应用中登录，再提交。',
  faceNeeded: '此服务需要刷脸认证。请先在您使用的应用中完成刷脸认证，再提交。',

  continueHeading: '将离开城市服务继续办理',
  continueWeb: (provider, host) => `此服务由“${provider}”在其网站 ${host} 上办理。点击下方链接将在新窗口打开该网站。`,
  continueLink: (host) => `继续前往 ${host}`,
  platforms: { wechat: '微信', alipay: '支付宝' },
  continueMiniProgram: (platform, provider) => `此服务由“${provider}”在${platform}小程序中办理。`,
  miniProgramHint: (platform, service) => `请在${platform}中搜索“${service}”打开小程序。`,
  continueFallback: (host) => `在网页中继续（${host}）`,
  continueApp: (app) => `此服务在“${app}”App 中办理。`,
  openApp: (app) => `打开“${app}”`,
  appHint: (app) => `请在手机上打开“${app}”办理。`,
  continueOpen311: (provider, host) => `您的上报将发送到“${provider}”的城市问题受理系统（${host}，Open311 标准接口）。`,
  continueToForm: '继续填写',
  linkUnavailable: '办理链接无效，暂时无法前往。请联系服务提供单位。',

  favourite: '收藏',
  favouritesEmpty: '还没有收藏的服务。在服务页点“收藏”即可添加。',
  recentEmpty: '还没有使用过的服务。',
  otherCity: (city) => `${city}的服务`,

  ordersEmpty: '暂无办件记录。',
  ordersSignIn: '请先登录，再查看您的办件。',
  browseOnly: '这里提供服务目录，暂不能在线办理。请按上方的办理渠道或联系方式，向服务提供方办理。',
  ordersError: '办件加载失败，请稍后重试。',
  orderUpdated: (time) => `更新于 ${time}`,
  orderCreated: '提交时间',
  removeFavourite: (service) => `取消收藏“${service}”`,
  viewOrders: '查看我的办件',
  payHeading: '缴费',
  payBillGone: '尚未付款。账单不保存在本设备上，请回到服务重新查询。',
};

const zhHant: HubMessages = {
  title: '城市服務',
  navLabel: '城市服務導覽',
  home: '首頁',
  orders: '我的辦件',
  favourites: '我的收藏',
  changeCity: (city) => `${city}，切換城市`,
  chooseCityHeading: '選擇城市',
  chooseCityIntro: '選擇您所在的城市，查看當地可辦理的服務。',
  elderMode: '長輩模式',
  textSize: '字號',
  textSizes: ['大', '更大', '特大'],
  language: '語言',
  localeNames: zhHans.localeNames,
  viewOpened: (title) => `已進入「${title}」`,

  backHome: '返回首頁',
  backPrevious: '返回上一頁',
  backExit: '返回',

  popular: '熱門服務',
  categories: '服務分類',
  topics: '主題服務',
  recent: '最近使用',
  subcategories: '細分類別',
  catalogUpdated: (time) => `服務目錄更新於 ${time}`,
  notFound: '沒有找到這個頁面',
  notFoundService: '沒有找到該服務，它可能已下線，或本城市未提供。',
  cityNotOffered: '暫未開通這座城市',
  cityNotOfferedText: (code) => `城市服務暫未覆蓋行政區劃代碼為 ${code} 的城市。請選擇其他城市。`,
  goHome: '回到首頁',

  standardName: '標準名稱',
  details: '辦事指南',
  kind: '服務類型',
  identity: '身份要求',
  identityLevels: { none: '無需實名', 'real-name': '需要實名認證', face: '需要刷臉認證' },
  processingTime: '辦理時限',
  duration: (t) => ({ instant: '即時辦結', minutes: `${t.value ?? 1} 分鐘`, hours: `${t.value ?? 1} 小時`, days: `${t.value ?? 1} 天`, 'working-days': `${t.value ?? 1} 個工作日` })[t.unit],
  costs: '收費',
  costFree: '免費',
  costByBill: '按賬單金額',
  documents: '所需材料',
  documentRequired: '必需',
  documentOptional: '可選',
  provider: '提供單位',
  operator: '營運單位',
  phone: '諮詢電話',
  website: '網站',
  address: '地址',
  hours: '服務時間',
  newWindow: '（在新視窗開啟）',

  maintenanceHeading: '服務維護中',
  maintenanceUntil: (time) => `預計恢復時間：${time}`,
  unavailable: '本市暫未開通此服務。',
  alternative: '本市透過其他管道提供此服務。',
  alternativeLink: '前往其他管道辦理',
  retired: '該服務已停用。',
  replacedBy: '請改用',
  signInNeeded: '此服務需要實名認證。請先在您使用的應用中登入，再提交。',
  faceNeeded: '此服務需要刷臉認證。請先在您使用的應用中完成刷臉認證，再提交。',

  continueHeading: '將離開城市服務繼續辦理',
  continueWeb: (provider, host) => `此服務由「${provider}」在其網站 ${host} 上辦理。點擊下方連結將在新視窗開啟該網站。`,
  continueLink: (host) => `繼續前往 ${host}`,
  platforms: { wechat: '微信', alipay: '支付寶' },
  continueMiniProgram: (platform, provider) => `此服務由「${provider}」在${platform}小程式中辦理。`,
  miniProgramHint: (platform, service) => `請在${platform}中搜尋「${service}」開啟小程式。`,
  continueFallback: (host) => `在網頁中繼續（${host}）`,
  continueApp: (app) => `此服務在「${app}」App 中辦理。`,
  openApp: (app) => `開啟「${app}」`,
  appHint: (app) => `請在手機上開啟「${app}」辦理。`,
  continueOpen311: (provider, host) => `您的上報將傳送到「${provider}」的城市問題受理系統（${host}，Open311 標準介面）。`,
  continueToForm: '繼續填寫',
  linkUnavailable: '辦理連結無效，暫時無法前往。請聯絡服務提供單位。',

  favourite: '收藏',
  favouritesEmpty: '還沒有收藏的服務。在服務頁點「收藏」即可加入。',
  recentEmpty: '還沒有使用過的服務。',
  otherCity: (city) => `${city}的服務`,

  ordersEmpty: '暫無辦件記錄。',
  ordersSignIn: '請先登入，再查看您的辦件。',
  browseOnly: '這裡提供服務目錄，暫不能在線辦理。請按上方的辦理渠道或聯絡方式，向服務提供方辦理。',
  ordersError: '辦件載入失敗，請稍後重試。',
  orderUpdated: (time) => `更新於 ${time}`,
  orderCreated: '提交時間',
  removeFavourite: (service) => `取消收藏「${service}」`,
  viewOrders: '查看我的辦件',
  payHeading: '繳費',
  payBillGone: '尚未付款。帳單不保存在本裝置上，請回到服務重新查詢。',
};

const en: HubMessages = {
  title: 'City services',
  navLabel: 'City services',
  home: 'Home',
  orders: 'My applications',
  favourites: 'Favourites',
  changeCity: (city) => `${city}, change city`,
  chooseCityHeading: 'Choose a city',
  chooseCityIntro: 'Choose your city to see the services you can use there.',
  elderMode: 'Elder mode',
  textSize: 'Text size',
  textSizes: ['Large', 'Larger', 'Largest'],
  language: 'Language',
  localeNames: zhHans.localeNames,
  viewOpened: (title) => `Now showing: ${title}`,

  backHome: 'Back to home',
  backPrevious: 'Back to previous page',
  backExit: 'Back',

  popular: 'Popular services',
  categories: 'Categories',
  topics: 'Life events',
  recent: 'Recently used',
  subcategories: 'Subcategories',
  catalogUpdated: (time) => `Service list updated ${time}`,
  notFound: 'Page not found',
  notFoundService: 'This service was not found. It may have been withdrawn, or this city does not offer it.',
  cityNotOffered: 'City not available',
  cityNotOfferedText: (code) => `City services are not available yet for the city with area code ${code}. Please choose another city.`,
  goHome: 'Go to home',

  standardName: 'Standard name',
  details: 'Guide',
  kind: 'Type',
  identity: 'Identity',
  identityLevels: { none: 'No verification needed', 'real-name': 'Real-name verification needed', face: 'Face verification needed' },
  processingTime: 'Processing time',
  duration: (t) => {
    const n = t.value ?? 1;
    const unit = { instant: '', minutes: 'minute', hours: 'hour', days: 'day', 'working-days': 'working day' }[t.unit];
    return t.unit === 'instant' ? 'Immediate' : `${n} ${unit}${n === 1 ? '' : 's'}`;
  },
  costs: 'Fees',
  costFree: 'Free',
  costByBill: 'As billed',
  documents: 'Documents needed',
  documentRequired: 'Required',
  documentOptional: 'Optional',
  provider: 'Provided by',
  operator: 'Operated by',
  phone: 'Helpline',
  website: 'Website',
  address: 'Address',
  hours: 'Opening hours',
  newWindow: ' (opens in a new window)',

  maintenanceHeading: 'Under maintenance',
  maintenanceUntil: (time) => `Expected back: ${time}`,
  unavailable: 'This service is not available in this city yet.',
  alternative: 'This city offers this service through another channel.',
  alternativeLink: 'Go to the other channel',
  retired: 'This service has been withdrawn.',
  replacedBy: 'Use instead',
  signInNeeded: 'This service needs real-name verification. Sign in to the app you are using first, then submit.',
  faceNeeded: 'This service needs face verification. Complete it in the app you are using first, then submit.',

  continueHeading: 'You will leave City services to continue',
  continueWeb: (provider, host) => `${provider} provides this service on its website ${host}. The link below opens it in a new window.`,
  continueLink: (host) => `Continue to ${host}`,
  platforms: { wechat: 'WeChat', alipay: 'Alipay' },
  continueMiniProgram: (platform, provider) => `${provider} provides this service in a ${platform} mini program.`,
  miniProgramHint: (platform, service) => `In ${platform}, search for “${service}” to open the mini program.`,
  continueFallback: (host) => `Continue on the web (${host})`,
  continueApp: (app) => `This service is provided in the ${app} app.`,
  openApp: (app) => `Open ${app}`,
  appHint: (app) => `Open the ${app} app on your phone to continue.`,
  continueOpen311: (provider, host) => `Your report will be sent to ${provider}'s issue system (${host}, an Open311 endpoint).`,
  continueToForm: 'Continue',
  linkUnavailable: "This service's link is not valid, so it can't be opened. Please contact the provider.",

  favourite: 'Favourite',
  favouritesEmpty: 'No favourites yet. Choose “Favourite” on a service page to add one.',
  recentEmpty: 'No services used yet.',
  otherCity: (city) => `Services in ${city}`,

  ordersEmpty: 'No applications yet.',
  ordersSignIn: 'Sign in to see your applications.',
  browseOnly: 'This page lists services but cannot handle applications online. Please use the provider\'s channels or contact details above.',
  ordersError: "Couldn't load your applications. Try again later.",
  orderUpdated: (time) => `Updated ${time}`,
  orderCreated: 'Submitted',
  removeFavourite: (service) => `Remove ${service} from favourites`,
  viewOrders: 'See my applications',
  payHeading: 'Pay a bill',
  payBillGone: 'Nothing was paid. Bills are not kept on this device: look the bill up again from its service.',
};

/** The hub's translation tables, one per locale. */
export const HUB_MESSAGES: Readonly<Record<Locale, HubMessages>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
