/**
 * The foundation's dialogs the bot itself opens (a new conversation, /start, /language, /menu).
 * The dialogs live in the top-level dialogs/ folder and take their ids from here, so that the bot
 * never imports them: the composition root adds them like any feature's.
 */
export const START_DIALOG = 'start';
export const LANGUAGE_DIALOG = 'language';
export const MAIN_MENU_DIALOG = 'mainMenu';

export interface StartOptions {
  /** Deep-link payload (`/start workshop-12`, or `?start=` on the web page). */
  payload?: string;
}
