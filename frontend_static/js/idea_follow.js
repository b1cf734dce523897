// The idea page's follow button (POST/DELETE /api/ideas/{id}/follow/): who follows an idea
// hears of its status changes, official responses and new comments. A toggle button
// (aria-pressed), shown once the idea says whether the reader follows it (`is_following`).

import { api, errorMessage } from "./api.js";
import { $ } from "./dom.js";
import { t, tn } from "./i18n.js";

function render(box, { following, count = null, pending = false }) {
  const button = $("follow-button");
  button.setAttribute("aria-pressed", following ? "true" : "false");
  button.classList.toggle("is-pressed", following);
  button.disabled = pending;
  $("follow-button-label").textContent = following ? t("Following") : t("Follow");
  $("follow-state").textContent =
    (following
      ? t("You are told of its status changes, official responses and new comments.")
      : t("Follow to be told of its status changes, official responses and new comments.")) +
    (count === null ? "" : ` ${tn("{n} follower", "{n} followers", { n: count })}`);
  box.hidden = false;
}

/** The follow button for the idea the page loaded (idea.js calls it once). */
export function followControl(idea) {
  const box = $("follow-box");
  if (!box) return;
  const ideaId = idea.id;
  let following = Boolean(idea.is_following);
  render(box, { following });
  $("follow-button").addEventListener("click", async () => {
    const message = $("follow-message");
    message.textContent = "";
    render(box, { following, pending: true });
    try {
      const answer = await api(`/api/ideas/${ideaId}/follow/`, {
        method: following ? "DELETE" : "POST",
      });
      following = answer.following;
      render(box, { following, count: answer.follower_count });
    } catch (error) {
      render(box, { following });
      if (!error.redirecting) message.textContent = errorMessage(error);
    }
  });
}
