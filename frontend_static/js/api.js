// The one door to the JSON API: session cookie, CSRF header on unsafe methods, the interface
// language, typed errors, and a redirect to the sign-in page when the session is missing.

import { getLanguage, t } from "./i18n.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
let redirectingToLogin = false; // several requests may find the session gone at once

/** An API answer other than 2xx (or no answer at all: status 0). */
export class ApiError extends Error {
  constructor({ status, data = null, message = "", retryAfter = null }) {
    const body = data && typeof data === "object" && !Array.isArray(data) ? data : {};
    super(message || (typeof body.detail === "string" ? body.detail : `HTTP ${status}`));
    this.name = "ApiError";
    this.status = status;
    this.data = data;
    this.code = typeof body.code === "string" ? body.code : null;
    this.detail = typeof body.detail === "string" ? body.detail : null;
    // DRF field errors: {"title": ["..."], "non_field_errors": ["..."]}
    this.fieldErrors = {};
    if (status === 400) {
      for (const [field, value] of Object.entries(body)) {
        if (field === "detail" || field === "code") continue;
        this.fieldErrors[field] = flattenMessages(value);
      }
    }
    this.redirecting = false;
    // Seconds to wait after a 429, from the Retry-After header; null when not given.
    this.retryAfter = retryAfter;
  }

  /** Every message the answer carries, for a summary. */
  get messages() {
    const all = [];
    if (this.detail) all.push(this.detail);
    for (const list of Object.values(this.fieldErrors)) all.push(...list);
    return all;
  }
}

function flattenMessages(value) {
  if (value == null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(flattenMessages);
  if (typeof value === "object") return Object.values(value).flatMap(flattenMessages);
  return [String(value)];
}

/** Retry-After is seconds or an HTTP date; either way, whole seconds from now (at least 1). */
function parseRetryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(1, Math.ceil((when - Date.now()) / 1000));
}

export function getCookie(name) {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** The sign-in page, returning here afterwards. */
export function loginUrl(next = window.location.pathname + window.location.search) {
  return `/login/?next=${encodeURIComponent(next)}`;
}

function buildUrl(path, query) {
  const url = new URL(path, window.location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== "") {
        url.searchParams.set(key, String(value));
      }
    }
  }
  // The API is same-origin by design; `next` links built behind a proxy may name another
  // scheme or host, so only their path and query are kept.
  return url.pathname + url.search;
}

/**
 * Call the API. Resolves with the parsed JSON body (or null for an empty body); rejects with
 * an ApiError. On 401 the browser is sent to the sign-in page (unless `redirectOn401` is false).
 */
export async function api(path, { method = "GET", body, query, redirectOn401 = true, signal } = {}) {
  method = method.toUpperCase();
  const headers = {
    Accept: "application/json",
    "Accept-Language": getLanguage(),
  };
  const init = { method, headers, credentials: "same-origin" };
  if (signal) init.signal = signal; // an AbortController's: a stale request is cancelled
  if (body instanceof FormData) {
    init.body = body; // multipart: the browser writes the boundary
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (!SAFE_METHODS.has(method)) {
    const token = getCookie("csrftoken");
    if (token) headers["X-CSRFToken"] = token;
  }

  let response;
  try {
    response = await fetch(buildUrl(path, query), init);
  } catch (cause) {
    const error = new ApiError({ status: 0, message: t("Cannot reach the server. Check your connection.") });
    error.cause = cause;
    throw error;
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null; // an HTML error page from a proxy, for instance
    }
  }
  if (response.ok) return data;

  const error = new ApiError({
    status: response.status,
    data,
    retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
  });
  const notAuthenticated =
    response.status === 401 ||
    (response.status === 403 && error.code === "not_authenticated");
  if (notAuthenticated && redirectOn401) {
    error.redirecting = true;
    if (!redirectingToLogin) {
      redirectingToLogin = true;
      window.location.assign(loginUrl());
    }
  }
  throw error;
}

/** Every item of a paginated list, following `next` up to `maxPages` pages. Also accepts an
 * endpoint that answers with a plain array. */
export async function apiAll(path, { query = {}, maxPages = 10 } = {}) {
  let data = await api(path, { query: { page_size: 100, ...query } });
  if (Array.isArray(data)) return data;
  const items = [...(data?.results ?? [])];
  let pages = 1;
  while (data?.next && pages < maxPages) {
    data = await api(data.next);
    items.push(...(data?.results ?? []));
    pages += 1;
  }
  return items;
}

/** A message fit to show for an error, in the interface language when the server gave none. */
export function errorMessage(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("Cannot reach the server. Check your connection.");
    if (error.detail) return error.detail;
  }
  return t("Something went wrong. Please try again.");
}
