/** Registers every CityHub element (safe to import more than once, or alongside the single-element modules). */
export { CityServiceGrid } from './city-service-grid.js';
export { CityPicker } from './city-picker.js';
export { CitySubmissionResult } from './city-submission-result.js';
export { CityServiceForm } from './city-service-form.js';
export { CitySearch } from './city-search.js';
export { CityPayment } from './city-payment.js';
export { CityHubElement } from './city-hub.js';
