// The header every page shares: app name, navigation, the signed-in person, sign-out and the
// language switch; and the person's own notifications (/ws/notifications/) as small notices.

import { api, ApiError } from "./api.js";
import { h } from "./dom.js";
import { otherLanguage, setLanguage, t } from "./i18n.js";
import { LiveSocket } from "./live.js";
import { isIdeaNotice, noticeOf } from "./notices.js";

const NAV = [
  { href: "/", label: "Home", testid: "nav-feed" },
  { href: "/ideas/new/", label: "New idea", testid: "nav-new" },
  { href: "/leaderboard/", label: "Leaderboard", testid: "nav-leaderboard" },
  { href: "/saya/", label: "My space", testid: "nav-mine" },
  // Shown once /api/me/ says the person holds one of these roles.
  { href: "/reviews/", label: "Reviews", testid: "nav-reviews", roles: ["reviewer", "admin"] },
  { href: "/panel/", label: "Panel progress", testid: "nav-panel", roles: ["admin", "leadership"] },
  { href: "/dasbor/", label: "Dashboard", testid: "nav-dashboard", roles: ["leadership", "admin"] },
  { href: "/kelola/", label: "Innovation office", testid: "nav-console", roles: ["admin"] },
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
        "aria-current": here === item.href ? "page" : null,
        dataset: { testid: item.testid },
      },
      t(item.label),
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
    "aria-label": t("Notifications"),
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
      "aria-label": t("Dismiss notification"),
      title: t("Dismiss notification"),
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

async function ideaNotice(message) {
  let title = message.title ?? "";
  if (!title) {
    try {
      title = (await api(`/api/ideas/${message.idea}/`))?.title ?? "";
    } catch (error) {
      if (error.redirecting) return;
      // The notice goes out without the title.
    }
  }
  showToast(noticeOf(message.kind, message, title));
}

// --- The unread count in the header -----------------------------------------------------------

let unreadBadge = null;
let unread = 0;

/** The header's count of unread notifications (pages that mark them read set it). */
export function setUnread(count) {
  unread = Math.max(0, count);
  if (!unreadBadge) return;
  unreadBadge.textContent = String(unread);
  unreadBadge.hidden = unread === 0;
  unreadBadge.parentElement.setAttribute(
    "aria-label",
    unread ? t("Notifications, {n} unread", { n: unread }) : t("Notifications"),
  );
}

function notificationsLink() {
  unreadBadge = h("span", { class: "count-pill unread-pill", dataset: { testid: "unread-count" }, hidden: true }, "0");
  return h(
    "li",
    {},
    h(
      "a",
      {
        href: "/saya/#notifications",
        dataset: { testid: "nav-notifications" },
      },
      t("Notifications"),
      " ",
      unreadBadge,
    ),
  );
}

async function loadUnread() {
  try {
    const data = await api("/api/notifications/", { query: { page_size: 1 } });
    setUnread(data?.unread ?? 0);
  } catch (error) {
    if (!error.redirecting) console.error(error);
  }
}

/** Listen to the person's own notifications for as long as the page is open. Pages may follow
 * them too, through the `gagasan:notification` event. */
function startNotifications() {
  if (notifications) return notifications;
  ensureToastRegion();
  notifications = new LiveSocket("/ws/notifications/", {
    handlers: {
      notification(message) {
        if (Number.isInteger(message.id)) setUnread(unread + 1);
        document.dispatchEvent(new CustomEvent("gagasan:notification", { detail: message }));
        if (isIdeaNotice(message)) ideaNotice(message);
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
  // The button names the other language in that language, so it reads right to its speakers.
  const other = otherLanguage();
  button.textContent = other.name;
  button.setAttribute("lang", other.code);
  button.title = other.title;
  button.addEventListener("click", () => setLanguage(other.code));
  return button;
}

/**
 * Render the shared header into #site-header. With `signedIn` (every page but sign-in), fetch
 * the person from /api/me/ (which sends anonymous visitors to the sign-in page) and resolve with
 * it; otherwise resolve with null.
 */
export async function renderLayout({ signedIn = true } = {}) {
  const header = document.getElementById("site-header");
  const here = window.location.pathname;

  const brand = h(
    "a",
    { class: "brand", href: "/", dataset: { testid: "brand" } },
    h("span", { class: "brand-mark", "aria-hidden": "true" }, "G"),
    h("span", { class: "brand-name" }, "Gagasan"),
  );

  const tools = h("div", { class: "header-tools" });
  const row = h("div", { class: "header-inner" }, brand);

  let nav = null;
  if (signedIn) {
    nav = h(
      "nav",
      { class: "main-nav", "aria-label": t("Main navigation") },
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
      dataset: { testid: "signout" },
    },
    t("Sign out"),
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
    h("span", { class: "visually-hidden" }, t("Signed in as")),
    " ",
    h("span", { class: "current-user-name" }, me.full_name || me.username),
  );
  const list = nav.querySelector("ul");
  for (const item of NAV) {
    if (item.roles && hasRole(me, item.roles)) list.appendChild(navItem(item, here));
  }
  list.appendChild(notificationsLink());
  loadUnread();
  startNotifications();
  return me;
}
