// What every form page does with the server's refusals: each message beside its field (wired
// to it with aria-invalid and aria-describedby), and every message in one summary at the top,
// focused, whose links move to the field (API.md §Errors: 400 names every bad field).

import { $, h } from "./dom.js";
import { t } from "./i18n.js";

/** The ids that describe field `name`: its hint when the page has one, then its error. */
export function describedBy(name, withError) {
  const ids = [];
  if ($(`hint-${name}`)) ids.push(`hint-${name}`);
  if (withError) ids.push(`error-${name}`);
  return ids.join(" ");
}

/** The label's text of field `name` in `form`, in the interface language. */
export function fieldLabel(form, name) {
  const label = form.querySelector(`label[for="field-${name}"]`);
  const text = label?.querySelector(".label-text")?.textContent ?? label?.textContent ?? name;
  return text.trim();
}

/** Mark field `name` (its control is `control`) with `text`; answer its summary line. */
export function fieldErrorShow(name, control, text, label) {
  const error = $(`error-${name}`);
  error.textContent = text;
  error.hidden = false;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", describedBy(name, true));
  $(`wrap-${name}`).classList.add("has-error");
  return summaryLink(control, `${label}: ${text}`);
}

export function fieldErrorClear(name, control) {
  const error = $(`error-${name}`);
  error.hidden = true;
  error.textContent = "";
  control.removeAttribute("aria-invalid");
  $(`wrap-${name}`).classList.remove("has-error");
  const ids = describedBy(name, false);
  if (ids) control.setAttribute("aria-describedby", ids);
  else control.removeAttribute("aria-describedby");
}

/** A summary line that moves the focus to `target`. */
export function summaryLink(target, text) {
  return h(
    "li",
    {},
    h(
      "a",
      {
        href: `#${target.id}`,
        onclick: (event) => {
          event.preventDefault();
          target.focus();
        },
      },
      text,
    ),
  );
}

/** Fill and focus the summary; with nothing to say, it says that something went wrong. */
export function summaryShow(summary, list, items) {
  if (!items.length) items.push(h("li", {}, t("Something went wrong. Please try again.")));
  list.replaceChildren(...items);
  summary.hidden = false;
  summary.focus();
}

export function summaryClear(summary, list) {
  summary.hidden = true;
  list.replaceChildren();
}

// --- Unsent input over a language switch ---------------------------------------------------
// Switching language loads the page again (i18n.js); what a person typed but did not send
// comes back in the new language instead of being lost. Kept for this tab only, and only for
// that one reload.

const SWITCH_EVENT = "gagasan:language-switch";

/** When the language is switched, keep what `collect()` returns (null: nothing) under `key`. */
export function keepOverLanguageSwitch(key, collect) {
  document.addEventListener(SWITCH_EVENT, () => {
    const value = collect();
    if (value === null || value === undefined) return;
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // storage disabled or full: the input is lost, as on any reload
    }
  });
}

/** What was kept under `key` before the switch (once; then forgotten), or null. */
export function takeKept(key) {
  try {
    const raw = window.sessionStorage.getItem(key);
    window.sessionStorage.removeItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
