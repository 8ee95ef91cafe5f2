import { CityServiceForm } from '../service-form/service-form.js';
import { defineElement } from '../internal/define.js';
// The form renders <city-submission-result>, so defining the form defines it too.
import './city-submission-result.js';

defineElement('city-service-form', CityServiceForm);

export { CityServiceForm };
