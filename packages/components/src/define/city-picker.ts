import { CityPicker } from '../city-picker/city-picker.js';
import { defineElement } from '../internal/define.js';

defineElement('city-picker', CityPicker);

export { CityPicker };
