// The email settings on one's own page (/saya/#notification-preferences): for each kind of
// notification, immediately, in a daily digest or never (the list here always has them), and
// the language of the emails (GET/PUT /api/notifications/preferences/).

import { api, errorMessage } from "./api.js";
import { $, h } from "./dom.js";
import { t } from "./i18n.js";

const DELIVERIES = [
  ["immediate", "Immediately"],
  ["digest", "In a daily digest"],
  ["never", "Never"],
];
const LANGUAGES = [
  ["id", "Indonesian"],
  ["en", "English"],
];

function select(id, options, value) {
  return h(
    "select",
    { id, name: id },
    ...options.map(([code, label]) => h("option", { value: code, selected: code === value }, t(label))),
  );
}

function row(kind) {
  const id = `pref-${kind.kind}`;
  return h(
    "div",
    { class: "field preference-row", dataset: { testid: "preference", kind: kind.kind } },
    h("label", { for: id }, kind.label),
    select(id, DELIVERIES, kind.delivery),
  );
}

function render(form, preferences) {
  const fields = $("preferences-fields");
  fields.replaceChildren(
    h(
      "div",
      { class: "field preference-row" },
      h("label", { for: "pref-language" }, t("Language of the emails")),
      select("pref-language", LANGUAGES, preferences.language),
    ),
    ...preferences.kinds.map(row),
  );
  form.hidden = false;
}

async function start() {
  const form = $("preferences-form");
  if (!form) return;
  const status = $("preferences-status");
  const section = $("notification-preferences");
  let preferences;
  try {
    preferences = await api("/api/notifications/preferences/");
  } catch (error) {
    if (!error.redirecting) status.textContent = t("Could not be loaded. Try again later.");
    return;
  } finally {
    section.setAttribute("aria-busy", "false");
  }
  status.textContent = "";
  render(form, preferences);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = $("preferences-message");
    message.textContent = "";
    const body = {
      language: $("pref-language").value,
      kinds: preferences.kinds.map((kind) => ({ kind: kind.kind, delivery: $(`pref-${kind.kind}`).value })),
    };
    try {
      preferences = await api("/api/notifications/preferences/", { method: "PUT", body });
      render(form, preferences);
      message.textContent = t("Your email settings are saved.");
    } catch (error) {
      if (!error.redirecting) message.textContent = errorMessage(error);
    }
  });
}

start();
