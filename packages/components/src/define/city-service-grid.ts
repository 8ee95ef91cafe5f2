import { CityServiceGrid } from '../service-grid/service-grid.js';
import { defineElement } from '../internal/define.js';

defineElement('city-service-grid', CityServiceGrid);

export { CityServiceGrid };
