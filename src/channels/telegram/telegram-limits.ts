/** Telegram's limit for one text message: 1–4096 characters (Bot API sendMessage). */
export const TELEGRAM_TEXT_LIMIT = 4096;
