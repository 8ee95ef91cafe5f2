export * from './locale.js';
export { MESSAGES, type Messages, type FieldErrorContext } from './messages.js';
export { LocaleController } from './controller.js';
