// The interface language and its strings.
//
// The server chooses the language (the `gagasan_lang` cookie, else Indonesian) and renders the
// page in it: the templates' text through {% translate %}, and the scripts' strings through
// Django's JavaScript catalogue (/jsi18n/, loaded before any module), both from the one
// locale/<lang>/LC_MESSAGES/django.po. Strings are written in English; English needs no
// catalogue. Switching language sets the cookie and loads the page again.

export const LANGUAGES = ["id", "en"];
const COOKIE_NAME = "gagasan_lang";

// Each language's name in that language: what the switch offers, read by its own speakers.
const OTHER = {
  id: { code: "en", name: "English", title: "Switch the interface to English" },
  en: { code: "id", name: "Bahasa Indonesia", title: "Ganti bahasa antarmuka ke Bahasa Indonesia" },
};

/** The page's language, as the server rendered it. */
export function getLanguage() {
  const lang = document.documentElement.lang;
  return LANGUAGES.includes(lang) ? lang : "id";
}

/** The BCP 47 locale for Intl formatting in the current language. */
export function getLocale() {
  return getLanguage() === "en" ? "en-GB" : "id-ID";
}

function fill(text, params) {
  for (const [name, value] of Object.entries(params)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** `msgid` in the page's language, with `{name}` placeholders filled from `params`. */
export function t(msgid, params = {}) {
  return fill(window.gettext ? window.gettext(msgid) : msgid, params);
}

/** The singular or plural form for the number `params.n` ("1 vote", "2 votes", "2 suara"). */
export function tn(singular, plural, params) {
  const n = params.n;
  const text = window.ngettext ? window.ngettext(singular, plural, n) : n === 1 ? singular : plural;
  return fill(text, params);
}

/** What the language switch offers: the other language's code, name and title. */
export function otherLanguage() {
  return OTHER[getLanguage()];
}

/** Switch the interface language: the cookie the server reads, then the page in it. Pages
 * keep what was typed but not sent through `gagasan:language-switch` (forms.js). */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === getLanguage()) return;
  document.dispatchEvent(new CustomEvent("gagasan:language-switch", { detail: { lang } }));
  document.cookie = `${COOKIE_NAME}=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  window.location.reload();
}
