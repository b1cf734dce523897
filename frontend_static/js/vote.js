// An upvote that answers at once: the button and the count flip on the click (optimistic), the
// server's answer then sets them right, and a refusal (403 own_idea, 409 voting_closed, 429)
// rolls them back with the server's reason. Live tallies keep the count current meanwhile.

import { api, ApiError, errorMessage } from "./api.js";
import { t, tn } from "./i18n.js";

/** The words for a refused vote, in the chosen language. */
export function voteErrorMessage(error) {
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfter
      ? tn("Too many votes in a short time. Try again in {n} second.", "Too many votes in a short time. Try again in {n} seconds.", { n: error.retryAfter })
      : error.detail || t("Something went wrong. Please try again.");
  }
  return errorMessage(error);
}

/** The control's words: whether the reader supports the idea (its aria-pressed says so too). */
export function voteButtonLabel(pressed) {
  return pressed ? t("Supported ✓") : t("Support");
}

const REFUSALS = {
  draft: "A draft cannot be supported yet.",
  voting_closed: "Voting is not open for this idea.",
  own_idea: "This is your own idea.",
  co_authored: "You are a co-author of this idea.",
};

/** Why the reader cannot vote now (the idea's `vote_refusal`), in words; "" when they can. */
export function voteRefusalText(code) {
  return code ? t(REFUSALS[code] ?? "Voting is not open for this idea.") : "";
}

/** Disable `button` with its reason shown in `reason` (which the button is described by). */
export function showVoteRefusal(button, reason, code) {
  button.disabled = Boolean(code);
  button.classList.toggle("is-refused", Boolean(code));
  if (code) {
    reason.textContent = voteRefusalText(code);
    reason.classList.remove("is-error");
  }
}

export class VoteControl {
  /**
   * render({vote_count, has_voted, pending}) draws the state; onError(message) shows a refusal
   * ("" clears it); liveSeq() is the seq of the newest live message applied, or null.
   */
  constructor({ ideaId, voteCount, hasVoted, render, onError = () => {}, liveSeq = () => null }) {
    this.ideaId = ideaId;
    this.server = { vote_count: voteCount ?? 0, has_voted: Boolean(hasVoted) };
    this.pending = null;
    this.render = render;
    this.onError = onError;
    this.liveSeq = liveSeq;
  }

  /** What to show: the optimistic state while a request is out, else the server's. */
  view() {
    return { ...(this.pending ?? this.server), pending: this.pending !== null };
  }

  draw() {
    this.render(this.view());
  }

  /** Absolute state from the server (page load, snapshot, tally); `has_voted` where known. A
   * request in flight keeps its optimistic look until its answer arrives. */
  applyServer({ vote_count, has_voted }) {
    if (typeof vote_count === "number") this.server.vote_count = vote_count;
    if (typeof has_voted === "boolean" && this.pending === null) this.server.has_voted = has_voted;
    this.draw();
  }

  async toggle() {
    if (this.pending !== null) return; // one request at a time per idea
    const want = !this.server.has_voted;
    this.pending = {
      vote_count: Math.max(0, this.server.vote_count + (want ? 1 : -1)),
      has_voted: want,
    };
    this.onError("");
    this.draw();
    try {
      const result = await api(`/api/ideas/${this.ideaId}/vote/`, {
        method: want ? "POST" : "DELETE",
      });
      this.server.has_voted = Boolean(result.has_voted);
      // A live tally newer than this answer already holds a later count.
      const seq = this.liveSeq();
      const stale = typeof result.seq === "number" && seq !== null && result.seq < seq;
      if (!stale && typeof result.vote_count === "number") {
        this.server.vote_count = result.vote_count;
      }
      this.pending = null;
      this.draw();
    } catch (error) {
      this.pending = null; // roll back: the server's state stands
      this.draw();
      if (!error.redirecting) this.onError(voteErrorMessage(error));
    }
  }
}
