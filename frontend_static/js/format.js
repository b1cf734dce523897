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

/** A count or measure for a table or a tile ("1.234", "0,58"); "—" where the API has none
 * (null: a headcount not known, a per-100 figure without one). */
export function formatStat(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(Number(value));
}

/** A percentage given as 0..100 ("56,2%"); "—" for null. */
export function formatPercent(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  return new Intl.NumberFormat(getLocale(), { style: "percent", maximumFractionDigits: digits }).format(
    Number(value) / 100,
  );
}

/** A calendar day from "2026-10-08" ("8 Okt 2026", or "8 Okt" with `short`), as written. */
export function formatDay(isoDate, { short = false } = {}) {
  const [year, month, day] = String(isoDate ?? "").split("-").map(Number);
  if (!year || !month || !day) return String(isoDate ?? "");
  return new Intl.DateTimeFormat(getLocale(), {
    day: "numeric",
    month: "short",
    year: short ? undefined : "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
