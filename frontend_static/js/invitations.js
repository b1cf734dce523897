// Co-author invitations: the invitee accepts or declines (from their notification list on
// /saya/ and on the idea page), the author sees who is invited and may withdraw an invitation.

import { api, ApiError, errorMessage } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { nameOf } from "./labels.js";

const ANSWERED = {
  accepted: () => t("You accepted: you are now a co-author of this idea."),
  declined: () => t("You declined the invitation."),
  withdrawn: () => t("The author withdrew this invitation."),
};

/** What an invitation's status says to its invitee, or "" while it is open. */
export function invitationAnswerText(status) {
  return ANSWERED[status]?.() ?? "";
}

/** Accept and Decline buttons for the invitee, with a status line; `onAnswered(invitation)`
 * runs once the server has answered (an invitation already answered says so). */
export function invitationAnswerControls(invitationId, { onAnswered = () => {}, testid = "invitation" } = {}) {
  const status = h("span", { class: "invitation-status", role: "status", dataset: { testid: `${testid}-status` } });
  const accept = h(
    "button",
    { type: "button", class: "button button-primary", dataset: { testid: `${testid}-accept` } },
    t("Accept"),
  );
  const decline = h(
    "button",
    { type: "button", class: "button button-secondary", dataset: { testid: `${testid}-decline` } },
    t("Decline"),
  );
  const buttons = h("span", { class: "invitation-buttons" }, accept, " ", decline);
  async function answer(action) {
    accept.disabled = decline.disabled = true;
    try {
      const invitation = await api(`/api/invitations/${invitationId}/${action}/`, { method: "POST" });
      buttons.hidden = true;
      status.textContent = invitationAnswerText(invitation.status);
      onAnswered(invitation);
    } catch (error) {
      if (error.redirecting) return;
      if (error instanceof ApiError && error.code === "invitation_answered") {
        buttons.hidden = true;
        status.textContent = t("This invitation has already been answered.");
        return;
      }
      status.textContent = errorMessage(error);
      accept.disabled = decline.disabled = false;
    }
  }
  accept.addEventListener("click", () => answer("accept"));
  decline.addEventListener("click", () => answer("decline"));
  return h("span", { class: "invitation-controls", dataset: { testid: `${testid}-controls` } }, buttons, " ", status);
}

/** The idea page's invitations block: the reader's own invitation to answer, or (for the
 * idea's authors and admins) who is invited, with Withdraw for the author. */
export function ideaInvitationsBlock(idea, me, { onChanged = () => {} } = {}) {
  const invitations = idea.invitations ?? [];
  if (!me || invitations.length === 0) return null;
  const mine = invitations.find((invitation) => invitation.invitee?.id === me.id);
  if (mine) {
    return h(
      "div",
      { class: "notice invitation-box", dataset: { testid: "idea-invitation" } },
      h("p", {}, t("You are invited to co-author this idea.")),
      invitationAnswerControls(mine.id, { onAnswered: onChanged, testid: "idea-invitation" }),
    );
  }
  const isAuthor = idea.author?.id === me.id;
  return h(
    "div",
    { class: "invitation-box", dataset: { testid: "idea-invitations" } },
    h("p", { class: "invitation-heading" }, t("Invited, not yet answered:")),
    h(
      "ul",
      { class: "plain-list" },
      invitations.map((invitation) => {
        const status = h("span", { role: "status" });
        const withdraw = isAuthor
          ? h(
              "button",
              {
                type: "button",
                class: "button button-link",
                dataset: { testid: "invitation-withdraw" },
              },
              t("Withdraw"),
            )
          : null;
        withdraw?.addEventListener("click", async () => {
          withdraw.disabled = true;
          try {
            await api(`/api/invitations/${invitation.id}/withdraw/`, { method: "POST" });
            onChanged();
          } catch (error) {
            if (error.redirecting) return;
            status.textContent = errorMessage(error);
            withdraw.disabled = false;
          }
        });
        return h(
          "li",
          { dataset: { testid: "invitation-pending" } },
          nameOf(invitation.invitee),
          invitation.invitee?.agency ? ` (${nameOf(invitation.invitee.agency)})` : "",
          withdraw ? " " : null,
          withdraw,
          " ",
          status,
        );
      }),
    ),
  );
}
