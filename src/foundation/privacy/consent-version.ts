/**
 * Version of the privacy notice people agree to. Change it when the notice in locales/<lng>/start.json
 * changes materially: everyone is then asked again before anything more is stored.
 */
export const CONSENT_VERSION = '2026-11';
