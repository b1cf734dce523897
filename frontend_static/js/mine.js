// Each person's own space (/saya/): their ideas with their status, drafts included ("Ide
// saya"), the ideas they support ("Yang saya dukung"), and their profile with its activity.

import { api } from "./api.js";
import { $, h, statusBadge } from "./dom.js";
import { formatShortDateTime } from "./format.js";
import { t, tn } from "./i18n.js";
import { renderLayout, setUnread } from "./layout.js";
import { nameOf, statusLabel } from "./labels.js";
import { invitationAnswerControls, invitationAnswerText } from "./invitations.js";
import { isIdeaNotice, noticeOf } from "./notices.js";
import "./notification_preferences.js"; // the email settings form (its own module)

const ROLE_LABELS = {
  staff: "Staff",
  reviewer: "Reviewer",
  leadership: "Leadership",
  admin: "Innovation admin",
};
const PAGE_SIZE = 50;

function ideaItem(idea, me) {
  const role = idea.author?.id === me.id ? t("Author") : t("Co-author");
  return h(
    "li",
    { class: "mine-item", dataset: { testid: "mine-idea", idea: String(idea.id) } },
    h("a", { href: `/ideas/${idea.id}/`, class: "mine-title" }, idea.title),
    h(
      "span",
      { class: "mine-meta" },
      statusBadge(idea.status, statusLabel(idea.status)),
      " ",
      role,
      " · ",
      tn("{n} vote", "{n} votes", { n: idea.vote_count }),
      " · ",
      h("time", { datetime: idea.created_at }, formatShortDateTime(idea.created_at)),
    ),
  );
}

function supportedItem(idea) {
  return h(
    "li",
    { class: "mine-item", dataset: { testid: "mine-vote", idea: String(idea.id) } },
    h("a", { href: `/ideas/${idea.id}/`, class: "mine-title" }, idea.title),
    h(
      "span",
      { class: "mine-meta" },
      statusBadge(idea.status, statusLabel(idea.status)),
      " ",
      nameOf(idea.author) || "",
    ),
  );
}

async function fill({ query, list, status, section, item, empty }) {
  try {
    const data = await api("/api/ideas/", { query: { ...query, page_size: PAGE_SIZE } });
    const ideas = data?.results ?? [];
    list.replaceChildren(...ideas.map(item));
    status.textContent = ideas.length
      ? data.count > ideas.length
        ? t("The {shown} newest of {count}.", { shown: ideas.length, count: data.count })
        : ""
      : empty;
    return data?.count ?? 0;
  } catch (error) {
    if (!error.redirecting) status.textContent = t("Could not be loaded. Try again later.");
    return null;
  } finally {
    section.setAttribute("aria-busy", "false");
  }
}

// --- Notifications: kept by the server, the live ones added on top as they come -------------

// Invitations to co-author (GET /api/invitations/) by id: a notification of one still open
// carries Accept and Decline (invitations.js); one answered says what became of it.
let invitationStatus = new Map();

function invitationPart(notification) {
  const id = notification.data?.invitation;
  if (notification.kind !== "coauthor_invited" || !Number.isInteger(id)) return null;
  const status = invitationStatus.get(id) ?? "pending";
  if (status !== "pending") {
    return h("span", { class: "mine-meta", dataset: { testid: "notification-invitation-status" } }, invitationAnswerText(status));
  }
  return invitationAnswerControls(id, {
    testid: "notification-invitation",
    onAnswered: (invitation) => invitationStatus.set(id, invitation.status),
  });
}

function notificationItem(notification) {
  const message = { kind: notification.kind, ...notification.data };
  const notice = isIdeaNotice(message)
    ? noticeOf(message.kind, message, message.title ?? "")
    : { text: notification.kind, link: null };
  const unread = !notification.read;
  return h(
    "li",
    {
      class: `mine-item notification-item${unread ? " is-unread" : ""}`,
      dataset: { testid: "notification", unread: String(unread) },
    },
    h(
      "span",
      {},
      unread ? h("span", { class: "visually-hidden" }, `${t("Unread")}: `) : null,
      notice.text,
      notice.link ? " " : null,
      notice.link ? h("a", { href: notice.link.href }, notice.link.text) : null,
    ),
    invitationPart(notification),
    h(
      "span",
      { class: "mine-meta" },
      h("time", { datetime: notification.created_at }, formatShortDateTime(notification.created_at)),
    ),
  );
}

async function loadNotifications() {
  const list = $("notifications-list");
  const status = $("notifications-status");
  const button = $("notifications-read");
  try {
    const [data, invitations] = await Promise.all([
      api("/api/notifications/", { query: { page_size: PAGE_SIZE } }),
      api("/api/invitations/", { query: { page_size: PAGE_SIZE } }).catch(() => null),
    ]);
    invitationStatus = new Map((invitations?.results ?? []).map((i) => [i.id, i.status]));
    const items = data?.results ?? [];
    list.replaceChildren(...items.map(notificationItem));
    status.textContent = items.length ? "" : t("No notifications yet.");
    button.hidden = !data?.unread;
    setUnread(data?.unread ?? 0);
  } catch (error) {
    if (!error.redirecting) status.textContent = t("Could not be loaded. Try again later.");
  } finally {
    $("notifications").setAttribute("aria-busy", "false");
  }
  button.onclick = async () => {
    button.disabled = true;
    try {
      const answer = await api("/api/notifications/read/", { method: "POST", body: {} });
      setUnread(answer.unread);
      for (const item of list.children) {
        item.classList.remove("is-unread");
        item.dataset.unread = "false";
        item.querySelector(".visually-hidden")?.remove();
      }
      button.hidden = true;
      status.textContent = t("All notifications are marked as read.");
    } catch (error) {
      if (!error.redirecting) status.textContent = t("Could not be loaded. Try again later.");
    } finally {
      button.disabled = false;
    }
  };
  // A live notification lands in the list too.
  document.addEventListener("gagasan:notification", (event) => {
    const message = event.detail;
    if (!Number.isInteger(message.id)) return;
    const data = Object.fromEntries(
      Object.entries(message).filter(([key]) => !["id", "kind", "type"].includes(key)),
    );
    const notification = { id: message.id, kind: message.kind, data, read: false };
    list.prepend(notificationItem({ ...notification, created_at: new Date().toISOString() }));
    status.textContent = "";
    button.hidden = false;
  });
}

function showNotice() {
  const params = new URLSearchParams(window.location.search);
  if (params.get("dihapus")) {
    $("mine-notice").textContent = t("The draft was deleted.");
    $("mine-notice").hidden = false;
    window.history.replaceState(null, "", window.location.pathname);
  }
}

async function start() {
  showNotice();
  const me = await renderLayout();
  $("profile-name").textContent = me.full_name || me.username;
  $("profile-nip").textContent = me.nip || "—";
  $("profile-agency").textContent = nameOf(me.agency) || "—";
  $("profile-roles").textContent = me.roles.map((r) => t(ROLE_LABELS[r] ?? r)).join(", ");
  loadNotifications();
  const [ideas, votes] = await Promise.all([
    fill({
      query: { author: "me" },
      list: $("my-ideas-list"),
      status: $("my-ideas-status"),
      section: $("my-ideas"),
      item: (idea) => ideaItem(idea, me),
      empty: t("You have not posted an idea yet."),
    }),
    fill({
      query: { voted: "true" },
      list: $("my-votes-list"),
      status: $("my-votes-status"),
      section: $("my-votes"),
      item: supportedItem,
      empty: t("You do not support any idea yet."),
    }),
  ]);
  $("profile-activity").textContent = t("{ideas} ideas posted, {votes} ideas supported.", {
    ideas: ideas ?? "—",
    votes: votes ?? "—",
  });
}

start();
