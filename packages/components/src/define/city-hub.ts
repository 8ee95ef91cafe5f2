import { CityHubElement } from '../hub/hub.js';
import { defineElement } from '../internal/define.js';
// The hub renders every other element, so defining it defines them too.
import './city-picker.js';
import './city-search.js';
import './city-service-grid.js';
import './city-service-form.js';
import './city-submission-result.js';
import './city-payment.js';

defineElement('city-hub', CityHubElement);

export { CityHubElement };
