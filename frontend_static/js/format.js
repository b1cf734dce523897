// Dates and numbers in the interface language, on Jakarta's clock.

import { getLocale } from "./i18n.js";

/** A moment in the chosen language, on Jakarta's clock ("6 Maret 2025 pukul 03.30"). */
export function formatDateTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

/** A shorter moment for lists ("6 Mar 2025, 03.30"). */
export function formatShortDateTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

/** A number with at most `digits` decimals, in the chosen language ("72,5"). */
export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "";
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(Number(value));
}

/** Has this due date passed? */
export function isPast(iso, now = Date.now()) {
  const when = Date.parse(iso ?? "");
  return !Number.isNaN(when) && when < now;
}
