// What each kind of notification says about the person's idea, and where its link goes: for
// the live notices (layout.js) and the list in "my space" (mine.js) alike.

import { t } from "./i18n.js";
import { statusLabel } from "./labels.js";

const NOTICES = {
  review_feedback: (message, title) => ({
    text: title ? t("New panel feedback on your idea “{title}”.", { title }) : t("New panel feedback on your idea."),
    link: { href: `/ideas/${message.idea}/#panel-feedback`, text: t("View feedback") },
    kind: "feedback",
  }),
  status_changed: (message, title) => {
    const status = statusLabel(message.status);
    if (message.status === "hidden") {
      return {
        text: t("Your idea “{title}” was hidden by the innovation office. Reason: {reason}", {
          title: title || "",
          reason: message.note ?? "",
        }),
        link: { href: `/ideas/${message.idea}/`, text: t("View idea") },
        kind: "status",
      };
    }
    return {
      text: title
        ? t("Your idea “{title}” is now “{status}”.", { title, status })
        : t("Your idea is now “{status}”.", { status }),
      link: { href: `/ideas/${message.idea}/`, text: t("View idea") },
      kind: "status",
    };
  },
  comment: (message, title) => ({
    text: title ? t("New comment on your idea “{title}”.", { title }) : t("New comment on your idea."),
    link: {
      href: `/ideas/${message.idea}/#comment-${message.comment}`,
      text: t("View comment"),
    },
    kind: "comment",
  }),
  comment_hidden: (message, title) => ({
    text: title
      ? t("Your comment on “{title}” was taken down by the innovation office. Reason: {reason}", {
          title,
          reason: message.reason ?? "",
        })
      : t("Your comment was taken down by the innovation office. Reason: {reason}", {
          reason: message.reason ?? "",
        }),
    link: { href: `/ideas/${message.idea}/`, text: t("View idea") },
    kind: "status",
  }),
  coauthor_invited: (message, title) => ({
    text: t("{inviter} invites you to co-author the idea “{title}”.", {
      inviter: message.inviter ?? "",
      title: title || "",
    }),
    link: { href: `/ideas/${message.idea}/`, text: t("View idea") },
    kind: "status",
  }),
  coauthor_answered: (message, title) => ({
    text: message.accepted
      ? t("{invitee} accepted to co-author your idea “{title}”.", { invitee: message.invitee ?? "", title: title || "" })
      : t("{invitee} declined to co-author your idea “{title}”.", { invitee: message.invitee ?? "", title: title || "" }),
    link: { href: `/ideas/${message.idea}/`, text: t("View idea") },
    kind: "status",
  }),
};

/** Whether the message is one of the kinds above, about an idea. */
export function isIdeaNotice(message) {
  return message.kind in NOTICES && Number.isInteger(message.idea);
}

/** The notice for `kind` with the idea's `title` (may be ""): {text, link, kind}. */
export function noticeOf(kind, message, title) {
  return NOTICES[kind](message, title);
}
