import { CityPayment } from '../payment/payment.js';
import { defineElement } from '../internal/define.js';

defineElement('city-payment', CityPayment);

export { CityPayment };
