import { CitySearch } from '../search/search.js';
import { defineElement } from '../internal/define.js';

defineElement('city-search', CitySearch);

export { CitySearch };
