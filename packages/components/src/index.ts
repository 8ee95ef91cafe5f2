/**
 * @cityhub/components — Lit web components for the CityHub city-services hub.
 *
 * This entry exports classes, types and helpers only; it registers nothing. Register the elements with the define
 * modules: `import '@cityhub/components/define/all.js'` (every element) or `…/define/city-search.js` (one element).
 */
export { CityServiceGrid, servicesFor } from './service-grid/service-grid.js';
export { CityPicker, cityMatches, RECENT_CITIES_KEY } from './city-picker/city-picker.js';
export { CityServiceForm } from './service-form/service-form.js';
export { yuanToFen, fenToYuan, toSubmission, displayValue, fieldErrorMessage, type RawValues } from './service-form/values.js';
export { CitySubmissionResult } from './submission-result/submission-result.js';
export { CitySearch, groupResults } from './search/search.js';
export { CityPayment } from './payment/payment.js';
export { sandboxWallet, walletRequest, watchWallet, type WalletChoice, type WalletRequest } from './payment/wallet.js';
export { CityHubElement, parseAppSchemes, type HubShellClient } from './hub/hub.js';
export {
  routePath, parseRoutePath, routeUrl, routeFromLocation, backTarget,
  type HubRoute, type RoutingMode, type BackRule, type BackTarget, type EntrySource, type HubEntry,
} from './hub/router.js';
export {
  emitHub, type HubEventMap, type CityNavigateDetail, type CityEntryContinueDetail, type CityExitDetail, type CityFavouriteChangeDetail,
  type CityModeChangeDetail, type CityLocaleChangeDetail,
} from './hub/events.js';
export { HUB_MESSAGES, type HubMessages } from './hub/messages.js';
export { FAVOURITES_KEY, RECENT_SERVICES_KEY, MODE_KEY, TEXT_SIZE_KEY, type ServiceRef } from './hub/storage.js';

export {
  hubClientContext, citiesOf,
  type HubClient, type CachedResult, type LoadOptions, type SearchOptions, type SearchResults, type ServiceHit, type CategoryHit, type MatchedTerm,
  type SubmitOptions, type PaymentsClient,
} from './context.js';
export {
  emit,
  type CityEventMap, type SelectionSource, type CityServiceSelectDetail, type CityCategorySelectDetail, type CityChangeDetail,
  type CitySubmitDetail, type CitySubmissionCompleteDetail, type CityBillPayDetail, type CityPaymentDetail, type CityIdentityRequiredDetail,
} from './events.js';
export {
  LocaleController, MESSAGES, DEFAULT_LOCALE, INTL_TAGS, localeOf, normalizeLocale, localized, localizedLocale,
  formatMoney, formatNumber, formatDate, formatDateTime,
  type Messages, type Locale, type LocalizedText,
} from './i18n/index.js';
export { tokenStyles, elderModeStyles, elderDeclarations, LIGHT, DARK, ELDER } from './styles/tokens.js';
export { icon, hasIcon, ICON_NAMES } from './icons/icons.js';
export { defineElement } from './internal/define.js';
export { maskSensitive } from './internal/mask.js';
export { highlight, normalizeRanges } from './internal/highlight.js';
