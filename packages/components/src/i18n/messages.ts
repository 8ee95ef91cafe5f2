import type { FieldErrorReason, OrderStatus, PaymentProvider, ServiceKind, SubmissionResult, Bill } from '@cityhub/schema';
import type { PayState } from '@cityhub/sdk';
import type { Locale } from './locale.js';

/** What a field error message may mention (already localised and formatted by the caller). */
export interface FieldErrorContext {
  label: string;
  /** `text`-like, `number`, `amount`, `date`, list… — some reasons read differently per kind. */
  kind: 'text' | 'number' | 'amount' | 'date' | 'list';
  /** Bound formatted for display: a length, a number, `¥10.00`, a date. */
  min?: string;
  max?: string;
}

/**
 * Every string the components show. Each locale's table must be complete (the type checker enforces it);
 * parametrised messages are functions so word order can differ per language.
 */
export interface Messages {
  loading: string;
  retry: string;
  loadError: string;
  /** Shown when the client served cached data it could not refresh. */
  staleNotice: (time: string) => string;
  close: string;

  // <city-service-grid>
  gridLabel: (city: string) => string;
  gridLabelNoCity: string;
  gridEmpty: string;
  gridEmptyCategory: string;
  noCity: string;
  serviceMaintenance: string;
  serviceUnavailable: string;
  serviceKinds: Record<ServiceKind, string>;

  // <city-picker>
  pickerLabel: string;
  pickerFilterLabel: string;
  pickerFilterPlaceholder: string;
  pickerPopular: string;
  pickerRecent: string;
  pickerAll: string;
  pickerIndex: string;
  pickerIndexLetter: (letter: string) => string;
  pickerCurrent: (city: string) => string;
  pickerNoMatch: (query: string) => string;
  pickerCount: (count: number) => string;
  useLocation: string;
  locating: string;
  locationDenied: string;
  locationFailed: string;
  locationNoCity: string;
  locationFound: (city: string) => string;
  locationPrivacy: string;

  // <city-service-form>
  required: string;
  optional: string;
  submit: string;
  submitting: string;
  submitFailed: string;
  submitFailedStatus: (status: number) => string;
  /** 401: the API wants the user signed in. */
  submitSignIn: string;
  /** 403: the user's verification level (real-name, face) is below the service's. */
  submitIdentityLevel: string;
  /** 409: the same application is already being handled. */
  submitConflict: string;
  /** Another 4xx: the provider refused it; retrying the same will not help. */
  submitRejected: (status: number) => string;
  fixErrors: (count: number) => string;
  chooseOption: string;
  chooseUpTo: (max: number) => string;
  amountPresets: string;
  amountUnit: string;
  submittedValues: string;
  serviceNotSubmittable: string;
  fieldErrors: Record<FieldErrorReason, (ctx: FieldErrorContext) => string>;

  // <city-submission-result>
  resultStatus: Record<SubmissionResult['status'], string>;
  orderStatus: Record<OrderStatus, string>;
  billStatus: Record<Bill['status'], string>;
  bills: string;
  billReference: string;
  billPayee: string;
  billAmount: string;
  billDue: string;
  billPayer: string;
  payBill: (amount: string) => string;
  order: string;
  statusLabel: string;
  orderReference: string;
  orderTimeline: string;
  booking: string;
  bookingDate: string;
  bookingTime: string;
  bookingLocation: string;
  submittedAt: (time: string) => string;

  // <city-search>
  searchLabel: string;
  searchPlaceholder: string;
  searchResults: string;
  searchCategories: string;
  searchOtherServices: string;
  searchCount: (count: number) => string;
  searchNone: (query: string) => string;
  searchTry: string;
  searchSuggestions: readonly string[];
  searching: string;
  searchError: string;
  searchClear: string;
  matchedBy: string;
  categoryServices: (count: number) => string;

  // <city-payment>
  /** Each state's step heading and what it tells the user. */
  payStates: Readonly<Record<PayState, readonly [heading: string, text: string]>>;
  payProviders: Readonly<Record<PaymentProvider, string>>;
  payWith: string;
  payConfirm: (amount: string) => string;
  payCancel: string;
  payAgain: string;
  payCheckAgain: string;
  payContinue: string;
  payBy: (time: string) => string;
  payExpiring: (minutes: number) => string;
  payExtend: string;
  payExtendFailed: string;
  payNoProvider: string;
  paymentId: string;
  paidAt: string;
  /** The sandbox wallet's title (it plays the payer's wallet app). */
  wallet: string;
}

const zhHans: Messages = {
  loading: '正在加载…',
  retry: '重试',
  loadError: '加载失败，请检查网络后重试。',
  staleNotice: (time) => `网络不可用，当前显示的是 ${time} 更新的内容。`,
  close: '关闭',

  gridLabel: (city) => `${city}城市服务`,
  gridLabelNoCity: '城市服务',
  gridEmpty: '该城市暂无可在线办理的服务。',
  gridEmptyCategory: '此分类下暂无服务。',
  noCity: '请先选择城市。',
  serviceMaintenance: '维护中',
  serviceUnavailable: '暂不可用',
  serviceKinds: { query: '查询', payment: '缴费', transaction: '办理', booking: '预约', report: '上报', info: '资讯' },

  pickerLabel: '选择城市',
  pickerFilterLabel: '搜索城市',
  pickerFilterPlaceholder: '城市名、拼音或英文',
  pickerPopular: '热门城市',
  pickerRecent: '最近访问',
  pickerAll: '全部城市',
  pickerIndex: '按首字母查找',
  pickerIndexLetter: (letter) => `跳到 ${letter}`,
  pickerCurrent: (city) => `当前城市：${city}`,
  pickerNoMatch: (query) => `没有找到与“${query}”匹配的城市。`,
  pickerCount: (count) => `共 ${count} 个城市`,
  useLocation: '使用我的位置',
  locating: '正在获取您的位置…',
  locationDenied: '未获得定位授权，请手动选择城市。',
  locationFailed: '暂时无法获取您的位置，请手动选择城市。',
  locationNoCity: '附近没有已开通的城市，请手动选择。',
  locationFound: (city) => `已选择离您最近的城市：${city}`,
  locationPrivacy: '仅在您点击时定位一次，用于选择最近的城市，不保存位置。',

  required: '必填',
  optional: '选填',
  submit: '提交',
  submitting: '正在提交…',
  submitFailed: '提交失败，请稍后重试。您填写的内容已保留。',
  submitFailedStatus: (status) => `提交失败（${status}），请稍后重试。您填写的内容已保留。`,
  submitSignIn: '请先登录后再提交。您填写的内容已保留。',
  submitIdentityLevel: '办理此服务需要更高等级的身份认证（如刷脸认证）。请完成认证后再提交，您填写的内容已保留。',
  submitConflict: '相同的申请已在办理中，请勿重复提交。可在“我的办件”中查看进度。',
  submitRejected: (status) => `办理方未受理此申请（${status}）。请核对填写的内容，或联系服务提供方。`,
  fixErrors: (count) => `有 ${count} 处需要修改。`,
  chooseOption: '请选择',
  chooseUpTo: (max) => `最多选 ${max} 项`,
  amountPresets: '常用金额',
  amountUnit: '元',
  submittedValues: '您提交的信息',
  serviceNotSubmittable: '此服务无需填写表单。',
  fieldErrors: {
    required: ({ label, kind }) => (kind === 'list' ? `请选择${label}。` : `请填写${label}。`),
    type: ({ label, kind }) => (kind === 'number' ? `${label}应为数字。` : kind === 'amount' ? `请输入正确的金额，例如 50 或 49.50。` : `${label}格式不正确。`),
    too_short: ({ min }) => `至少需要 ${min} 个字。`,
    too_long: ({ max }) => `最多 ${max} 个字。`,
    pattern: ({ label }) => `${label}格式不正确，请核对。`,
    too_small: ({ kind, min }) => (kind === 'date' ? `日期不能早于 ${min}。` : kind === 'amount' ? `金额不能少于 ${min}。` : `不能小于 ${min}。`),
    too_big: ({ kind, max }) => (kind === 'date' ? `日期不能晚于 ${max}。` : kind === 'amount' ? `金额不能超过 ${max}。` : `不能大于 ${max}。`),
    not_integer: ({ kind }) => (kind === 'amount' ? '金额最多保留两位小数。' : '请输入整数。'),
    option: () => '请从列出的选项中选择。',
    too_many: ({ max }) => `最多选择 ${max} 项。`,
    datetime: () => '请输入有效的日期和时间。',
    date: () => '请输入有效的日期。',
    mobile: () => '请输入有效的 11 位手机号码。',
    plate: () => '请输入有效的车牌号，例如 京A12345。',
    id_card_format: () => '身份证号应为 18 位，最后一位可以是 X。',
    id_card_region: () => '身份证号前两位地区码不正确。',
    id_card_birthdate: () => '身份证号中的出生日期不正确。',
    id_card_checksum: () => '身份证号校验不通过，请逐位核对。',
    unknown_field: () => '此项不属于该表单。',
  },

  resultStatus: { completed: '已完成', accepted: '已受理', rejected: '未通过' },
  orderStatus: { received: '已接收', processing: '办理中', completed: '已办结', rejected: '已驳回', canceled: '已取消' },
  billStatus: { unpaid: '待缴费', paid: '已缴费', expired: '已过期' },
  bills: '待缴账单',
  billReference: '账单编号',
  billPayee: '收款单位',
  billAmount: '金额',
  billDue: '缴费截止',
  billPayer: '缴费人',
  payBill: (amount) => `缴费 ${amount}`,
  order: '办理进度',
  statusLabel: '状态',
  orderReference: '受理编号',
  orderTimeline: '进度记录',
  booking: '预约信息',
  bookingDate: '日期',
  bookingTime: '时段',
  bookingLocation: '地点',
  submittedAt: (time) => `提交于 ${time}`,

  searchLabel: '搜索城市服务',
  searchPlaceholder: '例如：社保、交水费',
  searchResults: '搜索结果',
  searchCategories: '相关分类',
  searchOtherServices: '其他服务',
  searchCount: (count) => `找到 ${count} 个结果。`,
  searchNone: (query) => `没有找到与“${query}”相关的服务。`,
  searchTry: '试试这些：',
  searchSuggestions: ['社保', '公积金', '交通违法', '水费'],
  searching: '正在搜索…',
  searchError: '搜索出错了。',
  searchClear: '清除搜索',
  matchedBy: '匹配',
  categoryServices: (count) => `${count} 项服务`,

  payStates: {
    idle: ['尚未支付', '未扣款。'],
    confirming: ['确认支付', '请核对以上信息，确认前不会扣款。'],
    creating: ['正在创建支付…', ''],
    awaiting_user: ['请完成支付', '付款后将向收款方核实结果。'],
    verifying: ['正在确认支付结果…', '请勿重复支付。'],
    succeeded: ['支付成功', '请保留支付编号备查。'],
    failed: ['支付未成功', '未扣款。'],
    canceled: ['支付已取消', '未扣款。'],
    expired: ['支付已超时', '未扣款。'],
    pending: ['支付结果待确认', '请勿重复支付，稍后再查询。'],
  },
  payProviders: { sandbox: '沙箱钱包', wechat: '微信支付', alipay: '支付宝', redirect: '网页收银台' },
  payWith: '支付方式',
  payConfirm: (amount) => `确认支付 ${amount}`,
  payCancel: '取消',
  payAgain: '重新支付',
  payCheckAgain: '再次查询',
  payContinue: '继续支付',
  payBy: (time) => `请在 ${time} 前完成支付。`,
  payExpiring: (minutes) => `支付即将超时，剩余约 ${minutes} 分钟。`,
  payExtend: '延长支付时间',
  payExtendFailed: '无法延长支付时间。',
  payNoProvider: '没有可用的支付方式。',
  paymentId: '支付编号',
  paidAt: '支付时间',
  wallet: '沙箱钱包（模拟）',
};

const zhHant: Messages = {
  loading: '正在載入…',
  retry: '重試',
  loadError: '載入失敗，請檢查網絡後重試。',
  staleNotice: (time) => `網絡不可用，目前顯示的是 ${time} 更新的內容。`,
  close: '關閉',

  gridLabel: (city) => `${city}城市服務`,
  gridLabelNoCity: '城市服務',
  gridEmpty: '該城市暫無可在線辦理的服務。',
  gridEmptyCategory: '此分類下暫無服務。',
  noCity: '請先選擇城市。',
  serviceMaintenance: '維護中',
  serviceUnavailable: '暫不可用',
  serviceKinds: { query: '查詢', payment: '繳費', transaction: '辦理', booking: '預約', report: '上報', info: '資訊' },

  pickerLabel: '選擇城市',
  pickerFilterLabel: '搜尋城市',
  pickerFilterPlaceholder: '城市名、拼音或英文',
  pickerPopular: '熱門城市',
  pickerRecent: '最近訪問',
  pickerAll: '全部城市',
  pickerIndex: '按首字母查找',
  pickerIndexLetter: (letter) => `跳到 ${letter}`,
  pickerCurrent: (city) => `目前城市：${city}`,
  pickerNoMatch: (query) => `沒有找到與「${query}」相符的城市。`,
  pickerCount: (count) => `共 ${count} 個城市`,
  useLocation: '使用我的位置',
  locating: '正在取得您的位置…',
  locationDenied: '未獲得定位授權，請手動選擇城市。',
  locationFailed: '暫時無法取得您的位置，請手動選擇城市。',
  locationNoCity: '附近沒有已開通的城市，請手動選擇。',
  locationFound: (city) => `已選擇離您最近的城市：${city}`,
  locationPrivacy: '僅在您點擊時定位一次，用於選擇最近的城市，不保存位置。',

  required: '必填',
  optional: '選填',
  submit: '提交',
  submitting: '正在提交…',
  submitFailed: '提交失敗，請稍後重試。您填寫的內容已保留。',
  submitFailedStatus: (status) => `提交失敗（${status}），請稍後重試。您填寫的內容已保留。`,
  submitSignIn: '請先登入後再提交。您填寫的內容已保留。',
  submitIdentityLevel: '辦理此服務需要更高等級的身份認證（如刷臉認證）。請完成認證後再提交，您填寫的內容已保留。',
  submitConflict: '相同的申請已在辦理中，請勿重複提交。可在「我的辦件」中查看進度。',
  submitRejected: (status) => `辦理方未受理此申請（${status}）。請核對填寫的內容，或聯絡服務提供方。`,
  fixErrors: (count) => `有 ${count} 處需要修改。`,
  chooseOption: '請選擇',
  chooseUpTo: (max) => `最多選 ${max} 項`,
  amountPresets: '常用金額',
  amountUnit: '元',
  submittedValues: '您提交的資料',
  serviceNotSubmittable: '此服務無需填寫表單。',
  fieldErrors: {
    required: ({ label, kind }) => (kind === 'list' ? `請選擇${label}。` : `請填寫${label}。`),
    type: ({ label, kind }) => (kind === 'number' ? `${label}應為數字。` : kind === 'amount' ? `請輸入正確的金額，例如 50 或 49.50。` : `${label}格式不正確。`),
    too_short: ({ min }) => `至少需要 ${min} 個字。`,
    too_long: ({ max }) => `最多 ${max} 個字。`,
    pattern: ({ label }) => `${label}格式不正確，請核對。`,
    too_small: ({ kind, min }) => (kind === 'date' ? `日期不能早於 ${min}。` : kind === 'amount' ? `金額不能少於 ${min}。` : `不能小於 ${min}。`),
    too_big: ({ kind, max }) => (kind === 'date' ? `日期不能晚於 ${max}。` : kind === 'amount' ? `金額不能超過 ${max}。` : `不能大於 ${max}。`),
    not_integer: ({ kind }) => (kind === 'amount' ? '金額最多保留兩位小數。' : '請輸入整數。'),
    option: () => '請從列出的選項中選擇。',
    too_many: ({ max }) => `最多選擇 ${max} 項。`,
    datetime: () => '請輸入有效的日期和時間。',
    date: () => '請輸入有效的日期。',
    mobile: () => '請輸入有效的 11 位手機號碼。',
    plate: () => '請輸入有效的車牌號，例如 京A12345。',
    id_card_format: () => '身份證號應為 18 位，最後一位可以是 X。',
    id_card_region: () => '身份證號前兩位地區碼不正確。',
    id_card_birthdate: () => '身份證號中的出生日期不正確。',
    id_card_checksum: () => '身份證號校驗不通過，請逐位核對。',
    unknown_field: () => '此項不屬於該表單。',
  },

  resultStatus: { completed: '已完成', accepted: '已受理', rejected: '未通過' },
  orderStatus: { received: '已接收', processing: '辦理中', completed: '已辦結', rejected: '已駁回', canceled: '已取消' },
  billStatus: { unpaid: '待繳費', paid: '已繳費', expired: '已過期' },
  bills: '待繳賬單',
  billReference: '賬單編號',
  billPayee: '收款單位',
  billAmount: '金額',
  billDue: '繳費截止',
  billPayer: '繳費人',
  payBill: (amount) => `繳費 ${amount}`,
  order: '辦理進度',
  statusLabel: '狀態',
  orderReference: '受理編號',
  orderTimeline: '進度記錄',
  booking: '預約資料',
  bookingDate: '日期',
  bookingTime: '時段',
  bookingLocation: '地點',
  submittedAt: (time) => `提交於 ${time}`,

  searchLabel: '搜尋城市服務',
  searchPlaceholder: '例如：社保、交水費',
  searchResults: '搜尋結果',
  searchCategories: '相關分類',
  searchOtherServices: '其他服務',
  searchCount: (count) => `找到 ${count} 個結果。`,
  searchNone: (query) => `沒有找到與「${query}」相關的服務。`,
  searchTry: '試試這些：',
  searchSuggestions: ['社保', '公積金', '交通違法', '水費'],
  searching: '正在搜尋…',
  searchError: '搜尋出錯了。',
  searchClear: '清除搜尋',
  matchedBy: '符合',
  categoryServices: (count) => `${count} 項服務`,

  payStates: {
    idle: ['尚未支付', '未扣款。'],
    confirming: ['確認支付', '請核對以上資訊，確認前不會扣款。'],
    creating: ['正在建立支付…', ''],
    awaiting_user: ['請完成支付', '付款後將向收款方核實結果。'],
    verifying: ['正在確認支付結果…', '請勿重複支付。'],
    succeeded: ['支付成功', '請保留支付編號備查。'],
    failed: ['支付未成功', '未扣款。'],
    canceled: ['支付已取消', '未扣款。'],
    expired: ['支付已逾時', '未扣款。'],
    pending: ['支付結果待確認', '請勿重複支付，稍後再查詢。'],
  },
  payProviders: { sandbox: '沙箱錢包', wechat: '微信支付', alipay: '支付寶', redirect: '網頁收銀台' },
  payWith: '支付方式',
  payConfirm: (amount) => `確認支付 ${amount}`,
  payCancel: '取消',
  payAgain: '重新支付',
  payCheckAgain: '再次查詢',
  payContinue: '繼續支付',
  payBy: (time) => `請在 ${time} 前完成支付。`,
  payExpiring: (minutes) => `支付即將逾時，剩餘約 ${minutes} 分鐘。`,
  payExtend: '延長支付時間',
  payExtendFailed: '無法延長支付時間。',
  payNoProvider: '沒有可用的支付方式。',
  paymentId: '支付編號',
  paidAt: '支付時間',
  wallet: '沙箱錢包（模擬）',
};

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

const en: Messages = {
  loading: 'Loading…',
  retry: 'Try again',
  loadError: "Couldn't load. Check your connection and try again.",
  staleNotice: (time) => `You seem to be offline. Showing information last updated ${time}.`,
  close: 'Close',

  gridLabel: (city) => `City services in ${city}`,
  gridLabelNoCity: 'City services',
  gridEmpty: 'No online services are available in this city yet.',
  gridEmptyCategory: 'No services in this category yet.',
  noCity: 'Choose a city first.',
  serviceMaintenance: 'Under maintenance',
  serviceUnavailable: 'Unavailable',
  serviceKinds: { query: 'Look up', payment: 'Pay', transaction: 'Apply', booking: 'Book', report: 'Report', info: 'Information' },

  pickerLabel: 'Choose a city',
  pickerFilterLabel: 'Find a city',
  pickerFilterPlaceholder: 'Name, pinyin or English',
  pickerPopular: 'Popular cities',
  pickerRecent: 'Recently visited',
  pickerAll: 'All cities',
  pickerIndex: 'Jump to letter',
  pickerIndexLetter: (letter) => `Jump to ${letter}`,
  pickerCurrent: (city) => `Current city: ${city}`,
  pickerNoMatch: (query) => `No city matches “${query}”.`,
  pickerCount: (count) => plural(count, 'city', 'cities'),
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationDenied: 'Location permission was not given. Please choose a city.',
  locationFailed: "Couldn't find your location. Please choose a city.",
  locationNoCity: 'No city we serve is near you. Please choose a city.',
  locationFound: (city) => `Chose the city nearest to you: ${city}`,
  locationPrivacy: 'Used once, only when you click, to pick the nearest city. Your location is not stored.',

  required: 'required',
  optional: 'optional',
  submit: 'Submit',
  submitting: 'Submitting…',
  submitFailed: "Couldn't submit. Please try again; your answers are kept.",
  submitFailedStatus: (status) => `Couldn't submit (${status}). Please try again; your answers are kept.`,
  submitSignIn: 'Please sign in, then submit. Your answers are kept.',
  submitIdentityLevel: 'This service needs a higher level of identity verification (such as face verification). Verify, then submit; your answers are kept.',
  submitConflict: 'The same application is already being handled. Please do not submit it again; see its progress in My applications.',
  submitRejected: (status) => `The provider did not accept this application (${status}). Please check your answers or contact the provider.`,
  fixErrors: (count) => (count === 1 ? 'There is 1 problem to fix.' : `There are ${count} problems to fix.`),
  chooseOption: 'Choose…',
  chooseUpTo: (max) => `Choose up to ${max}`,
  amountPresets: 'Common amounts',
  amountUnit: 'yuan',
  submittedValues: 'What you submitted',
  serviceNotSubmittable: 'This service has no form to fill in.',
  fieldErrors: {
    required: ({ label, kind }) => (kind === 'list' ? `${label}: choose an option.` : `${label} is required.`),
    type: ({ label, kind }) => (kind === 'number' ? `${label} must be a number.` : kind === 'amount' ? 'Enter an amount such as 50 or 49.50.' : `${label} is not in the right format.`),
    too_short: ({ min }) => `Enter at least ${min} characters.`,
    too_long: ({ max }) => `Enter at most ${max} characters.`,
    pattern: ({ label }) => `${label} is not in the right format. Check it and try again.`,
    too_small: ({ kind, min }) => (kind === 'date' ? `Choose ${min} or later.` : `Enter at least ${min}.`),
    too_big: ({ kind, max }) => (kind === 'date' ? `Choose ${max} or earlier.` : `Enter at most ${max}.`),
    not_integer: ({ kind }) => (kind === 'amount' ? 'Use at most two decimal places.' : 'Enter a whole number.'),
    option: () => 'Choose one of the listed options.',
    too_many: ({ max }) => `Choose at most ${max}.`,
    datetime: () => 'Enter a valid date and time.',
    date: () => 'Enter a valid date.',
    mobile: () => 'Enter a valid 11-digit mobile number.',
    plate: () => 'Enter a valid plate number, such as 京A12345.',
    id_card_format: () => 'An ID card number has 18 characters; the last may be X.',
    id_card_region: () => 'The first two digits of the ID card number are not a valid region.',
    id_card_birthdate: () => 'The date of birth in the ID card number is not valid.',
    id_card_checksum: () => "The ID card number's check digit is wrong. Check each digit.",
    unknown_field: () => 'This is not part of the form.',
  },

  resultStatus: { completed: 'Completed', accepted: 'Accepted', rejected: 'Not accepted' },
  orderStatus: { received: 'Received', processing: 'In progress', completed: 'Completed', rejected: 'Rejected', canceled: 'Cancelled' },
  billStatus: { unpaid: 'Unpaid', paid: 'Paid', expired: 'Expired' },
  bills: 'Bills to pay',
  billReference: 'Reference',
  billPayee: 'Payee',
  billAmount: 'Amount',
  billDue: 'Due',
  billPayer: 'Payer',
  payBill: (amount) => `Pay ${amount}`,
  order: 'Progress',
  statusLabel: 'Status',
  orderReference: 'Reference',
  orderTimeline: 'History',
  booking: 'Booking',
  bookingDate: 'Date',
  bookingTime: 'Time',
  bookingLocation: 'Place',
  submittedAt: (time) => `Submitted ${time}`,

  searchLabel: 'Search city services',
  searchPlaceholder: 'e.g. water bill',
  searchResults: 'Search results',
  searchCategories: 'Categories',
  searchOtherServices: 'Other services',
  searchCount: (count) => `${plural(count, 'result', 'results')} found.`,
  searchNone: (query) => `Nothing found for “${query}”.`,
  searchTry: 'Try:',
  searchSuggestions: ['社保', '公积金', 'traffic', 'water'],
  searching: 'Searching…',
  searchError: 'Search failed.',
  searchClear: 'Clear search',
  matchedBy: 'Matches',
  categoryServices: (count) => plural(count, 'service', 'services'),

  payStates: {
    idle: ['Not paid', 'Nothing was charged.'],
    confirming: ['Confirm the payment', 'Check the details above. Nothing is charged before you confirm.'],
    creating: ['Creating the payment…', ''],
    awaiting_user: ['Complete the payment', 'The result is checked with the payee when you have paid.'],
    verifying: ['Checking the payment…', 'Do not pay again.'],
    succeeded: ['Paid', 'Keep the payment ID for your records.'],
    failed: ['The payment did not go through', 'Nothing was charged.'],
    canceled: ['Payment canceled', 'Nothing was charged.'],
    expired: ['The payment expired', 'Nothing was charged.'],
    pending: ['Payment not confirmed yet', 'Do not pay again; check again in a moment.'],
  },
  payProviders: { sandbox: 'Sandbox wallet', wechat: 'WeChat Pay', alipay: 'Alipay', redirect: 'Payment page' },
  payWith: 'Pay with',
  payConfirm: (amount) => `Confirm and pay ${amount}`,
  payCancel: 'Cancel',
  payAgain: 'Pay again',
  payCheckAgain: 'Check again',
  payContinue: 'Continue to pay',
  payBy: (time) => `Pay by ${time}.`,
  payExpiring: (minutes) => `About ${plural(minutes, 'minute', 'minutes')} left to pay.`,
  payExtend: 'Extend the time',
  payExtendFailed: 'The time could not be extended.',
  payNoProvider: 'No payment method is available.',
  paymentId: 'Payment ID',
  paidAt: 'Paid at',
  wallet: 'Sandbox wallet (simulated)',
};

/** The translation tables, one per hub locale. */
export const MESSAGES: Readonly<Record<Locale, Messages>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
