/** The features settings schema; its parts live in `./features/`. */
export { Features } from './features/index.js';
export { WorkingHoursConfig, DailyConfiguration, IsoWeekday } from './features/working-hours.js';
export { FeedbackRating } from './features/requests-config.js';
export { MessageTsComparison } from './features/requests-support.js';
