// On the idea page, what concerns the idea's own authors and its course: the confirmation after
// submitting, the author's actions (edit while the server allows it, submit or delete a draft),
// the innovation challenge it belongs to with its phase dates, and the status trail.

import { api, ApiError, errorMessage } from "./api.js";
import { $, h, replaceChildren, statusBadge } from "./dom.js";
import { formatDateTime, formatShortDateTime } from "./format.js";
import { t } from "./i18n.js";
import { nameOf, phaseLabel, statusLabel } from "./labels.js";

const el = {
  confirmation: $("idea-confirmation"),
  confirmationText: $("idea-confirmation-text"),
  confirmationNext: $("idea-confirmation-next"),
  actions: $("author-actions"),
  actionsText: $("author-actions-text"),
  edit: $("idea-edit"),
  submitDraft: $("draft-submit"),
  deleteDraft: $("draft-delete"),
  actionsMessage: $("author-actions-message"),
  comments: $("comments-section"),
  campaignBox: $("campaign-box"),
  campaignTitle: $("campaign-title"),
  campaignPhase: $("campaign-phase"),
  campaignDates: $("campaign-dates"),
  historyBox: $("history-box"),
  history: $("history-list"),
};

/** The query the submit form adds when it sends the author here (`?dikirim=ide|draf`). */
export function arrivedFromSubmit() {
  return new URLSearchParams(window.location.search).get("dikirim");
}

/** "Your idea is submitted", and what comes next in its challenge. */
export function showConfirmation(idea, campaign, kind) {
  if (!kind) return;
  if (kind === "draf") {
    el.confirmationText.textContent = t("Your draft is saved.");
    el.confirmationNext.textContent = t("Only you and your co-authors can see it. Submit it when it is ready.");
  } else {
    el.confirmationText.textContent = t("Your idea is submitted.");
    el.confirmationNext.textContent = nextStep(campaign);
  }
  el.confirmation.hidden = false;
  el.confirmation.focus();
  // A reload shows the idea, not the confirmation again.
  window.history.replaceState(null, "", window.location.pathname);
}

function nextStep(campaign) {
  if (!campaign) return t("Colleagues can support it now; the innovation office follows it up.");
  if (campaign.voting_open) return t("Colleagues can support it now, until {date}.", { date: formatDateTime(campaign.voting_closes) });
  if (new Date(campaign.voting_opens) > new Date()) {
    return t("Colleagues can support it from {date}; you can still edit it until then.", {
      date: formatDateTime(campaign.voting_opens),
    });
  }
  return t("The innovation office follows it up; you will see each change of status here.");
}

/** The author's own actions, as the server allows them (`can_edit`, the draft status). */
export function renderAuthorActions(idea, me) {
  const isAuthor = me && idea.author?.id === me.id;
  const isDraft = idea.status === "draft";
  el.comments.hidden = isDraft; // nobody else sees a draft: nothing to discuss yet
  el.edit.hidden = !idea.can_edit;
  el.edit.href = `/ideas/${idea.id}/edit/`;
  el.submitDraft.hidden = !(isDraft && idea.can_edit);
  el.deleteDraft.hidden = !(isDraft && isAuthor);
  el.actions.hidden = el.edit.hidden && el.submitDraft.hidden && el.deleteDraft.hidden;
  el.actionsText.textContent = isDraft
    ? t("This is a draft: only you and your co-authors can see it.")
    : idea.can_edit
      ? t("You can still edit this idea until its challenge's voting opens.")
      : "";
  el.submitDraft.onclick = () => act(el.submitDraft, async () => {
    await api(`/api/ideas/${idea.id}/`, { method: "PATCH", body: { draft: false } });
    window.location.assign(`/ideas/${idea.id}/?dikirim=ide`);
  });
  el.deleteDraft.onclick = () => {
    if (!window.confirm(t("Delete this draft? This cannot be undone."))) return;
    act(el.deleteDraft, async () => {
      await api(`/api/ideas/${idea.id}/`, { method: "DELETE" });
      window.location.assign("/saya/?dihapus=1");
    });
  };
}

async function act(button, work) {
  button.disabled = true;
  el.actionsMessage.textContent = "";
  el.actionsMessage.classList.remove("is-error");
  try {
    await work();
  } catch (error) {
    if (error.redirecting) return;
    const messages = error instanceof ApiError ? error.messages : [];
    el.actionsMessage.textContent = messages.length ? messages.join(" ") : errorMessage(error);
    el.actionsMessage.classList.add("is-error");
  } finally {
    button.disabled = false;
  }
}

/** The idea's challenge: its title, phase now, and the dates of each phase. */
export async function loadCampaign(idea) {
  if (!idea.campaign) {
    el.campaignBox.hidden = true;
    return null;
  }
  let campaign;
  try {
    campaign = await api(`/api/campaigns/${idea.campaign}/`);
  } catch (error) {
    if (!error.redirecting) el.campaignBox.hidden = true;
    return null;
  }
  el.campaignTitle.textContent = campaign.title;
  el.campaignPhase.textContent = phaseLabel(campaign.phase);
  const rows = [
    ["submission", t("Submissions close"), campaign.submission_closes],
    ["voting", t("Voting opens"), campaign.voting_opens],
    ["voting", t("Voting closes"), campaign.voting_closes],
    ["review", t("Review closes"), campaign.review_closes],
  ];
  replaceChildren(
    el.campaignDates,
    rows.map(([phase, label, iso]) =>
      h(
        "li",
        { class: phase === campaign.phase ? "is-now" : null },
        h("span", {}, label),
        h("time", { datetime: iso }, formatShortDateTime(iso)),
      ),
    ),
  );
  el.campaignBox.hidden = false;
  return campaign;
}

/** A status in the trail: the badge's look, its own test id (the page's badge is the idea's). */
function historyBadge(status) {
  const badge = statusBadge(status, statusLabel(status));
  badge.dataset.testid = "history-status";
  return badge;
}

/** The status trail, oldest first: each change with its date, who made it and the note. */
export async function loadHistory(idea) {
  let data;
  try {
    data = await api(`/api/ideas/${idea.id}/status-history/`, { query: { page_size: 100 } });
  } catch (error) {
    if (!error.redirecting) el.historyBox.hidden = true;
    return;
  }
  const changes = Array.isArray(data) ? data : (data?.results ?? []);
  replaceChildren(
    el.history,
    changes.map((change) =>
      h(
        "li",
        { dataset: { testid: "history-item", status: change.to_status } },
        historyBadge(change.to_status),
        h(
          "span",
          { class: "timeline-when" },
          h("time", { datetime: change.created_at }, formatShortDateTime(change.created_at)),
          change.changed_by ? ` · ${nameOf(change.changed_by)}` : null,
        ),
        change.note ? h("p", { class: "timeline-note" }, change.note) : null,
      ),
    ),
  );
  el.historyBox.hidden = changes.length === 0;
}
