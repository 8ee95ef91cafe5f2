import { CitySubmissionResult } from '../submission-result/submission-result.js';
import { defineElement } from '../internal/define.js';

defineElement('city-submission-result', CitySubmissionResult);

export { CitySubmissionResult };
