// The header every page shares: app name, navigation, the signed-in person, sign-out and the
// language switch; and the person's own notifications (/ws/notifications/) as small notices.

import { api, ApiError } from "./api.js";
import { h } from "./dom.js";
import { getLanguage, t, toggleLanguage, translatePage } from "./i18n.js";
import { LiveSocket } from "./live.js";

const NAV = [
  { href: "/", key: "nav.feed", testid: "nav-feed" },
  { href: "/ideas/new/", key: "nav.new", testid: "nav-new" },
  { href: "/leaderboard/", key: "nav.leaderboard", testid: "nav-leaderboard" },
  // Shown once /api/me/ says the person holds one of these roles.
  { href: "/reviews/", key: "nav.reviews", testid: "nav-reviews", roles: ["reviewer", "admin"] },
  { href: "/panel/", key: "nav.panel", testid: "nav-panel", roles: ["admin", "leadership"] },
];
const MAX_TOASTS = 3;

/** Does the person (from /api/me/) hold any of `roles`? */
export function hasRole(me, roles) {
  const held = new Set(me?.roles ?? []);
  return roles.some((role) => held.has(role));
}

function navItem(item, here) {
  return h(
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
  );
}

// --- Notifications ----------------------------------------------------------------------------

let toastRegion = null;
let notifications = null;

/** The polite live region the notices go into; it exists before any notice, so that screen
 * readers announce what is added to it. */
function ensureToastRegion() {
  if (toastRegion) return toastRegion;
  toastRegion = h("div", {
    id: "toasts",
    class: "toast-region",
    role: "status",
    "aria-live": "polite",
    "aria-label": t("notify.region"),
    "data-i18n-aria-label": "notify.region",
    dataset: { testid: "toasts" },
  });
  document.body.appendChild(toastRegion);
  return toastRegion;
}

/** A notice that stays until dismissed (no time limit to read it), newest last. */
export function showToast({ text, link = null, kind = "info" }) {
  const region = ensureToastRegion();
  const close = h(
    "button",
    {
      type: "button",
      class: "toast-close",
      "aria-label": t("notify.dismiss"),
      title: t("notify.dismiss"),
      dataset: { testid: "toast-close" },
    },
    h("span", { "aria-hidden": "true" }, "×"),
  );
  const toast = h(
    "div",
    { class: `toast toast-${kind}`, dataset: { testid: "toast" } },
    h(
      "p",
      { class: "toast-text" },
      text,
      link ? " " : null,
      link ? h("a", { href: link.href, class: "toast-link" }, link.text) : null,
    ),
    close,
  );
  close.addEventListener("click", () => toast.remove());
  region.appendChild(toast);
  while (region.children.length > MAX_TOASTS) region.firstElementChild.remove();
  return toast;
}

/** What each kind of notification says about the person's idea, and where its link goes. */
const NOTICES = {
  review_feedback: (message, title) => ({
    text: title ? t("notify.review_feedback_named", { title }) : t("notify.review_feedback"),
    link: { href: `/ideas/${message.idea}/#panel-feedback`, text: t("notify.view_feedback") },
    kind: "feedback",
  }),
  status_changed: (message, title) => {
    const status = t(`status.${message.status}`);
    return {
      text: title
        ? t("notify.status_changed_named", { title, status })
        : t("notify.status_changed", { status }),
      link: { href: `/ideas/${message.idea}/`, text: t("notify.view_idea") },
      kind: "status",
    };
  },
  comment: (message, title) => ({
    text: title ? t("notify.comment_named", { title }) : t("notify.comment"),
    link: {
      href: `/ideas/${message.idea}/#comment-${message.comment}`,
      text: t("notify.view_comment"),
    },
    kind: "comment",
  }),
};

async function ideaNotice(message) {
  let title = "";
  try {
    title = (await api(`/api/ideas/${message.idea}/`))?.title ?? "";
  } catch (error) {
    if (error.redirecting) return;
    // The notice goes out without the title.
  }
  showToast(NOTICES[message.kind](message, title));
}

/** Listen to the person's own notifications for as long as the page is open. Pages may follow
 * them too, through the `gagasan:notification` event. */
function startNotifications() {
  if (notifications) return notifications;
  ensureToastRegion();
  notifications = new LiveSocket("/ws/notifications/", {
    handlers: {
      notification(message) {
        document.dispatchEvent(new CustomEvent("gagasan:notification", { detail: message }));
        if (message.kind in NOTICES && Number.isInteger(message.idea)) ideaNotice(message);
      },
    },
  });
  notifications.start();
  return notifications;
}

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
        NAV.filter((item) => !item.roles).map((item) => navItem(item, here)),
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
  const list = nav.querySelector("ul");
  for (const item of NAV) {
    if (item.roles && hasRole(me, item.roles)) list.appendChild(navItem(item, here));
  }
  startNotifications();
  return me;
}

/** The main region's loading / error / content state, announced politely. */
export function setBusy(element, busy) {
  element.setAttribute("aria-busy", busy ? "true" : "false");
}
