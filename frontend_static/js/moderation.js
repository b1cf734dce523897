// Moderation on the idea page (innovation admins): take a comment down with a reason, which its
// author is told. The server's comment_withdrawn frame then removes it from every open page.

import { api, ApiError, errorMessage } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

/** The "take down" control of one comment, or null for readers who may not moderate. */
export function moderationControl(comment, { allowed, onHidden }) {
  if (!allowed || comment.kind === "reviewer") return null;
  const reasonId = `moderate-reason-${comment.id}`;
  const reason = h("textarea", { id: reasonId, rows: 2, maxlength: 500, dataset: { testid: "moderate-reason" } });
  const message = h("p", { class: "form-result", role: "status", "aria-live": "polite" });
  const confirm = h(
    "button",
    { type: "submit", class: "button button-danger", dataset: { testid: "moderate-confirm" } },
    t("Take the comment down"),
  );
  const form = h(
    "form",
    { class: "moderate-form", hidden: true },
    h("label", { for: reasonId }, t("Reason, told to the comment's author")),
    reason,
    confirm,
    message,
  );
  const open = h(
    "button",
    {
      type: "button",
      class: "button button-link moderate-open",
      "aria-expanded": "false",
      dataset: { testid: "moderate-open" },
    },
    t("Take down"),
  );
  open.addEventListener("click", () => {
    form.hidden = !form.hidden;
    open.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) reason.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    confirm.disabled = true;
    try {
      await api(`/api/comments/${comment.id}/moderate/`, {
        method: "POST",
        body: { reason: reason.value },
      });
      onHidden(comment.id);
    } catch (error) {
      if (error.redirecting) return;
      message.textContent =
        error instanceof ApiError && error.messages.length ? error.messages.join(" ") : errorMessage(error);
      message.classList.add("is-error");
    } finally {
      confirm.disabled = false;
    }
  });
  return h("div", { class: "moderate" }, open, form);
}
