// The header every page shares: app name, navigation, the signed-in person, sign-out and the
// language switch.

import { api, ApiError } from "./api.js";
import { h } from "./dom.js";
import { getLanguage, t, toggleLanguage, translatePage } from "./i18n.js";

const NAV = [
  { href: "/", key: "nav.feed", testid: "nav-feed" },
  { href: "/ideas/new/", key: "nav.new", testid: "nav-new" },
  { href: "/leaderboard/", key: "nav.leaderboard", testid: "nav-leaderboard" },
];

function languageButton() {
  const button = h("button", {
    type: "button",
    id: "lang-switch",
    class: "button button-ghost lang-switch",
    dataset: { testid: "lang-switch" },
  });
  const render = () => {
    // The button names the other language in that language, so it reads right to its speakers.
    const other = getLanguage() === "id" ? "en" : "id";
    button.textContent = t("lang.switch");
    button.setAttribute("lang", other);
    button.title = t("lang.switch_label");
  };
  render();
  button.addEventListener("click", toggleLanguage);
  document.addEventListener("gagasan:langchange", render);
  return button;
}

/**
 * Render the shared header into #site-header. With `signedIn` (every page but sign-in), fetch
 * the person from /api/me/ (which sends anonymous visitors to the sign-in page) and resolve with
 * it; otherwise resolve with null.
 */
export async function renderLayout({ signedIn = true } = {}) {
  translatePage();
  const header = document.getElementById("site-header");
  const here = window.location.pathname;

  const brand = h(
    "a",
    { class: "brand", href: "/", dataset: { testid: "brand" } },
    h("span", { class: "brand-mark", "aria-hidden": "true" }, "G"),
    h("span", { class: "brand-name" }, t("app.name")),
  );

  const tools = h("div", { class: "header-tools" });
  const row = h("div", { class: "header-inner" }, brand);

  let nav = null;
  if (signedIn) {
    nav = h(
      "nav",
      { class: "main-nav", "aria-label": t("nav.label"), "data-i18n-aria-label": "nav.label" },
      h(
        "ul",
        {},
        NAV.map((item) =>
          h(
            "li",
            {},
            h(
              "a",
              {
                href: item.href,
                "data-i18n": item.key,
                "aria-current": here === item.href ? "page" : null,
                dataset: { testid: item.testid },
              },
              t(item.key),
            ),
          ),
        ),
      ),
    );
    row.appendChild(nav);
  }
  row.appendChild(tools);
  header.replaceChildren(row);

  tools.appendChild(languageButton());
  if (!signedIn) return null;

  const userBox = h("span", { class: "current-user", id: "current-user", dataset: { testid: "current-user" } });
  const signOut = h(
    "button",
    {
      type: "button",
      id: "signout-button",
      class: "button button-ghost",
      "data-i18n": "nav.signout",
      dataset: { testid: "signout" },
    },
    t("nav.signout"),
  );
  signOut.addEventListener("click", async () => {
    signOut.disabled = true;
    try {
      await api("/api/auth/logout/", { method: "POST", redirectOn401: false });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Already signed out, or the session expired: either way, go to sign-in.
    }
    window.location.assign("/login/");
  });
  tools.prepend(userBox, signOut);

  const me = await api("/api/me/");
  userBox.replaceChildren(
    h("span", { class: "visually-hidden", "data-i18n": "nav.signed_in_as" }, t("nav.signed_in_as")),
    " ",
    h("span", { class: "current-user-name" }, me.full_name || me.username),
  );
  return me;
}

/** The main region's loading / error / content state, announced politely. */
export function setBusy(element, busy) {
  element.setAttribute("aria-busy", busy ? "true" : "false");
}
