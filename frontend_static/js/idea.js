// Idea page: the idea, its votes, its comments, the review panel's feedback to the authors and,
// for those who may see it, the panel's result. Every text from people goes in as text.

import { api, ApiError, errorMessage } from "./api.js";
import { $, h, pageStates, statusBadge } from "./dom.js";
import { formatDateTime, formatNumber } from "./format.js";
import { keepOverLanguageSwitch, takeKept } from "./forms.js";
import { t, tn } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { categoryName, hiddenLabel, nameOf, regionName, statusLabel } from "./labels.js";
import { LiveSocket, LiveStatus } from "./live.js";
import { showVoteRefusal, VoteControl, voteButtonLabel } from "./vote.js";
import { CommentList, CommentStore, ideaReportControl } from "./comments.js";
import {
  arrivedFromSubmit,
  loadCampaign,
  loadHistory,
  renderAuthorActions,
  showConfirmation,
} from "./idea_author.js";
import { ideaInvitationsBlock } from "./invitations.js";
import { followControl } from "./idea_follow.js";
import { ideaLineage } from "./idea_lineage.js";

const match = window.location.pathname.match(/^\/ideas\/(\d+)\/?$/);
const ideaId = match ? Number.parseInt(match[1], 10) : null;

const el = {
  main: $("main"),
  loading: $("idea-loading"),
  error: $("idea-error"),
  errorMessage: $("idea-error-message"),
  retry: $("idea-retry"),
  notFound: $("idea-not-found"),
  idea: $("idea"),
  status: $("idea-status"),
  categoryChip: $("idea-category-chip"),
  collaboration: $("idea-collaboration"),
  invitations: $("idea-invitations"),
  title: $("idea-title"),
  byline: $("idea-byline"),
  problem: $("idea-problem"),
  solution: $("idea-solution"),
  impactSection: $("idea-impact-section"),
  impact: $("idea-impact"),
  voteCount: $("vote-count"),
  voteLabel: $("vote-label"),
  voteButton: $("vote-button"),
  voteButtonLabel: $("vote-button-label"),
  voteState: $("vote-state"),
  voteMessage: $("vote-message"),
  author: $("idea-author"),
  coAuthorsLabel: $("idea-co-authors-label"),
  coAuthors: $("idea-co-authors"),
  agency: $("idea-agency"),
  region: $("idea-region"),
  category: $("idea-category"),
  statusText: $("idea-status-text"),
  created: $("idea-created"),
  commentCount: $("comment-count"),
  commentsEmpty: $("comments-empty"),
  commentList: $("comment-list"),
  commentsMore: $("comments-more"),
  commentForm: $("comment-form"),
  commentBody: $("comment-body"),
  commentError: $("comment-error"),
  commentSubmit: $("comment-submit"),
  liveStatus: $("live-status"),
  feedback: $("panel-feedback"),
  feedbackCount: $("feedback-count"),
  feedbackList: $("feedback-list"),
  panelResult: $("panel-result"),
  panelNormalised: $("panel-normalised"),
  panelRawMean: $("panel-raw-mean"),
  panelAgreement: $("panel-agreement"),
  panelReviewCount: $("panel-review-count"),
};
// Spread (standard deviation of the reviewers' weighted scores, 0..100) up to which the panel
// counts as agreeing closely, or somewhat.
const AGREEMENT_HIGH_MAX = 10;
const AGREEMENT_MEDIUM_MAX = 20;

let idea = null;
const store = new CommentStore();
let commentList = null; // CommentList, built in init()
let commentCountSeq = -1; // the seq the idea's comment count comes from
let commentsNext = null;
let vote = null; // VoteControl once the idea is loaded
let live = null; // LiveSocket once the idea is loaded
let panelResult = null; // {review_count, raw_mean, normalised, spread} when shown
let feedbackFocused = false; // the #panel-feedback link was followed once
const liveStatus = new LiveStatus(el.liveStatus);
// The signed-in person; null until the header has fetched them.
let canModerate = false; // an innovation admin reads the page
let me = null; // the reader, once the header has fetched them
const mePromise = renderLayout().catch((error) => {
  if (!error.redirecting) console.error(error);
  return null;
});

export { formatDateTime };

function timeElement(iso, testid) {
  return h("time", { datetime: iso, dataset: testid ? { testid } : undefined }, formatDateTime(iso));
}

const show = pageStates(
  { loading: el.loading, error: el.error, "not-found": el.notFound, idea: el.idea },
  { busy: el.main },
);

function personWithAgency(person, label = null) {
  // A person hidden from this reader (blind review) comes with the label the API gives, or
  // none (an idea's author): say so rather than leave the place empty.
  if (!person) {
    return h("span", { class: "person person-hidden" }, h("span", { class: "person-name" }, label || hiddenLabel()));
  }
  const agency = nameOf(person?.agency);
  return h(
    "span",
    { class: "person" },
    h("span", { class: "person-name" }, nameOf(person)),
    agency ? h("span", { class: "person-agency" }, ` (${agency})`) : null,
  );
}

function regionLabel(region) {
  return region ? regionName(region) : t("None");
}

function renderVote() {
  const { vote_count: count, has_voted: pressed, pending } = vote.view();
  idea.vote_count = count;
  idea.has_voted = pressed;
  if (el.voteCount.textContent !== String(count)) {
    // The first drawing replaces the page's placeholder: nothing changed yet to point at.
    if (el.voteCount.dataset.drawn) bump(el.voteCount);
    el.voteCount.textContent = String(count);
    el.voteCount.dataset.drawn = "true";
  }
  el.voteLabel.textContent = tn("vote", "votes", { n: count });
  el.voteButton.setAttribute("aria-pressed", pressed ? "true" : "false");
  el.voteButtonLabel.textContent = voteButtonLabel(pressed);
  el.voteButton.classList.toggle("is-pressed", pressed);
  el.voteButton.classList.toggle("is-pending", pending);
  el.voteState.textContent = pressed ? `${t("You support this idea")}. ${t("Press again to withdraw your vote.")}` : "";
}

function showVoteError(message) {
  el.voteMessage.textContent = message;
  el.voteMessage.classList.toggle("is-error", Boolean(message));
}

/** A short highlight on a number that changed (none when motion is reduced: see app.css). */
function bump(element) {
  element.classList.remove("bump");
  void element.offsetWidth; // restart the animation
  element.classList.add("bump");
}

function renderStatus() {
  el.status.replaceChildren(statusBadge(idea.status, statusLabel(idea.status)));
  el.statusText.textContent = statusLabel(idea.status);
}

const isFeedback = (comment) => comment.kind === "reviewer";

function renderCommentCount() {
  // The idea's count holds the panel's feedback too, which has a section of its own.
  const feedback = store.feedback().length;
  const total = idea.comment_count ?? 0;
  el.commentCount.textContent = String(Math.max(0, total - feedback));
}

/** The idea's comment count as of `seq` (null: this page's own write, until a frame says). */
function setCommentCount(count, seq = null) {
  if (!Number.isInteger(count)) return;
  if (seq !== null && seq < commentCountSeq) return;
  idea.comment_count = count;
  if (seq !== null) commentCountSeq = seq;
}

function renderIdea() {
  document.title = `${idea.title} · Gagasan`;
  renderStatus();
  el.categoryChip.textContent = categoryName(idea.category);
  el.categoryChip.hidden = !el.categoryChip.textContent;
  el.collaboration.hidden = !idea.is_collaboration;
  el.title.textContent = idea.title;
  el.byline.replaceChildren(
    personWithAgency(idea.author),
    idea.created_at ? " · " : null,
    idea.created_at ? timeElement(idea.created_at) : null,
  );
  el.problem.textContent = idea.problem ?? "";
  el.solution.textContent = idea.solution ?? "";
  el.impact.textContent = idea.expected_impact ?? "";
  el.impactSection.hidden = !idea.expected_impact;

  el.author.replaceChildren(personWithAgency(idea.author));
  const coAuthors = idea.co_authors ?? [];
  el.coAuthorsLabel.hidden = el.coAuthors.hidden = coAuthors.length === 0;
  el.coAuthors.replaceChildren(
    h(
      "ul",
      { class: "plain-list" },
      coAuthors.map((person) => h("li", {}, personWithAgency(person))),
    ),
  );
  el.agency.textContent = idea.author ? nameOf(idea.agency) : hiddenLabel();
  el.region.textContent = regionLabel(idea.region);
  el.category.textContent = categoryName(idea.category);
  el.created.replaceChildren(idea.created_at ? timeElement(idea.created_at, "idea-created-time") : "");
  renderVote();
  showVoteRefusal(el.voteButton, el.voteMessage, idea.vote_refusal);
  renderCommentCount();
}

function feedbackItem(comment) {
  const body = h("p", { class: "comment-body prose", dataset: { testid: "feedback-body" } });
  body.textContent = comment.body ?? ""; // plain text, never markup
  // A blind review names no reviewer: the panel speaks as one.
  const who = comment.author
    ? personWithAgency(comment.author)
    : h("span", { class: "person" }, h("span", { class: "person-name" }, t("Review panel")));
  return h(
    "li",
    {
      class: "comment comment-reviewer feedback-item",
      id: `comment-${comment.id}`,
      dataset: { testid: "feedback", commentId: String(comment.id) },
    },
    h(
      "p",
      { class: "comment-meta", dataset: { testid: "feedback-meta" } },
      who,
      comment.created_at ? " · " : null,
      comment.created_at ? timeElement(comment.created_at) : null,
    ),
    body,
  );
}

function renderComments() {
  const feedback = store.feedback();
  const shown = commentList.render();
  el.commentsEmpty.hidden = shown > 0;
  el.commentsMore.hidden = !commentsNext;
  el.feedbackList.replaceChildren(...feedback.map(feedbackItem));
  el.feedbackCount.textContent = String(feedback.length);
  el.feedback.hidden = feedback.length === 0;
  renderCommentCount();
  if (!feedbackFocused && feedback.length && window.location.hash === "#panel-feedback") {
    // Followed from a notice: the section was not there yet when the browser looked for it.
    feedbackFocused = true;
    el.feedback.scrollIntoView({ block: "start" });
    el.feedback.focus({ preventScroll: true });
  }
}

// --- The panel's result (admins and leadership; everyone once the review is over) ------------

function agreementText(result) {
  if (result.review_count < 2) return t("Not measurable yet (one reviewer)");
  const spread = formatNumber(result.spread, 1);
  if (result.spread <= AGREEMENT_HIGH_MAX) return t("High (spread {spread} points)", { spread });
  if (result.spread <= AGREEMENT_MEDIUM_MAX) return t("Medium (spread {spread} points)", { spread });
  return t("Low (spread {spread} points)", { spread });
}

function renderPanelResult() {
  el.panelResult.hidden = !panelResult;
  if (!panelResult) return;
  el.panelNormalised.textContent = formatNumber(panelResult.normalised, 1);
  el.panelRawMean.textContent = formatNumber(panelResult.raw_mean, 1);
  el.panelAgreement.textContent = agreementText(panelResult);
  el.panelReviewCount.textContent = String(panelResult.review_count);
}

/** Ask for the result only where the server may give it: to admins and leadership, or when the
 * idea already carries a panel score (the review is over). Hidden otherwise. */
async function loadPanelResult() {
  if (!idea?.campaign) return;
  const me = await mePromise;
  if (!hasRole(me, ["admin", "leadership"]) && idea.panel_score == null) return;
  try {
    panelResult = await api(`/api/ideas/${ideaId}/panel-result/`);
  } catch (error) {
    if (error.redirecting) return;
    // 404: no reviews yet; 403: not public yet. Nothing to show either way.
    panelResult = null;
  }
  renderPanelResult();
}

/** The first page of comments, added to what is shown: on load, and again when the socket's
 * snapshot says some were missed (live ones may already be there). */
async function loadComments() {
  try {
    const data = await api(`/api/ideas/${ideaId}/comments/`, { query: { view: "threads", page_size: 50 } });
    store.merge(Array.isArray(data) ? data : (data?.results ?? []), data?.seq ?? null);
    setCommentCount(data?.comment_count, data?.seq ?? null);
    if (commentsNext === null && !Array.isArray(data)) commentsNext = data?.next ?? null;
    el.commentsEmpty.textContent = t("No comments yet. Be the first!");
    renderComments();
  } catch (error) {
    if (error.redirecting) return;
    el.commentsEmpty.hidden = false;
    el.commentsEmpty.textContent = errorMessage(error);
  }
}

async function loadMoreComments() {
  if (!commentsNext) return;
  el.commentsMore.disabled = true;
  try {
    const data = await api(commentsNext);
    store.merge(data?.results ?? [], data?.seq ?? null);
    setCommentCount(data?.comment_count, data?.seq ?? null);
    commentsNext = data?.next ?? null;
    renderComments();
  } catch (error) {
    if (!error.redirecting) el.commentError.textContent = errorMessage(error);
  } finally {
    el.commentsMore.disabled = false;
  }
}

async function loadIdea() {
  if (ideaId === null) {
    show("not-found");
    return;
  }
  show("loading");
  try {
    idea = await api(`/api/ideas/${ideaId}/`);
  } catch (error) {
    if (error.redirecting) return;
    if (error instanceof ApiError && error.status === 404) {
      document.title = `${t("Idea not found")} · Gagasan`;
      show("not-found");
      return;
    }
    el.errorMessage.textContent = `${t("The idea could not be loaded.")} ${errorMessage(error)}`;
    show("error");
    return;
  }
  if (vote) {
    vote.applyServer(idea);
  } else {
    vote = new VoteControl({
      ideaId,
      voteCount: idea.vote_count,
      hasVoted: idea.has_voted,
      render: renderVote,
      onError: showVoteError,
      liveSeq: () => live?.lastSeq ?? null,
    });
  }
  renderIdea();
  show("idea");
  followControl(idea);
  startLive();
  loadPanelResult();
  mePromise.then((reader) => {
    me = reader;
    ideaLineage(idea, me);
    renderAuthorActions(idea, me);
    renderInvitations(me);
    if (hasRole(me, ["admin"]) && !canModerate) canModerate = true;
    const own = idea.author?.id === me?.id || (idea.co_authors ?? []).some((p) => p.id === me?.id);
    if (me && !own && idea.status !== "draft") ideaReportControl($("idea-report"), ideaId);
    renderComments(); // with the reader's own actions (reply, edit, delete, report)
  });
  loadCampaign(idea).then((campaign) => showConfirmation(idea, campaign, arrivedFromSubmit()));
  loadHistory(idea);
  if (idea.status !== "draft") await loadComments();
}

/** The reader's invitation to co-author the idea, or who is invited (ideas' authors). */
function renderInvitations(reader) {
  const block = ideaInvitationsBlock(idea, reader, {
    // The invitee's block keeps saying what they answered; the author's list is drawn again.
    onChanged: (answered) => refreshAfterInvitation(reader, { redraw: !answered }),
  });
  el.invitations.replaceChildren(...(block ? [block] : []));
  el.invitations.hidden = !block;
}

async function refreshAfterInvitation(reader, { redraw }) {
  try {
    idea = await api(`/api/ideas/${ideaId}/`);
  } catch {
    return;
  }
  vote?.applyServer(idea);
  renderIdea();
  renderAuthorActions(idea, reader);
  if (redraw) renderInvitations(reader);
}

/** Votes, comments and status changes as they happen; on every (re)connection the server's
 * snapshot resets the counts, and comments missed meanwhile are fetched again. */
function startLive() {
  if (live) return;
  live = new LiveSocket(`/ws/ideas/${ideaId}/`, {
    handlers: {
      snapshot(message) {
        const missed = message.comment_count !== idea.comment_count;
        if (message.status && message.status !== idea.status) {
          idea.status = message.status;
          renderStatus();
        }
        setCommentCount(message.comment_count, message.seq ?? null);
        renderCommentCount();
        vote.applyServer({ vote_count: message.vote_count, has_voted: message.has_voted });
        if (missed) loadComments();
      },
      tally(message) {
        vote.applyServer({ vote_count: message.vote_count });
      },
      status(message) {
        idea.status = message.status;
        renderStatus();
        loadHistory(idea);
      },
      comment(message) {
        // The author's own POST may have added it already: one comment, counted once. An
        // edited comment (or revised feedback) comes with the id already shown: replaced,
        // unless what is shown is newer (its seq).
        store.merge([message.comment], message.seq ?? null);
        // The frame's count is absolute: no drift from edits, withdrawals or missed frames.
        setCommentCount(message.comment_count, message.seq ?? null);
        renderComments();
        // New or revised feedback means a new or revised review: the panel's numbers moved.
        if (isFeedback(message.comment ?? {})) loadPanelResult();
      },
      comment_withdrawn(message) {
        // Deleted by its author, taken down, or feedback a reviewer cleared (and with it its
        // review's weight): it goes, or stays as a placeholder above its replies.
        const gone = store.withdraw(message.comment, message.withdrawn ?? "author", message.seq ?? null);
        setCommentCount(message.comment_count, message.seq ?? null);
        renderComments();
        if (gone && isFeedback(gone)) loadPanelResult();
      },
    },
  });
  liveStatus.track(live);
  live.start();
}

function showCommentError(message) {
  el.commentError.textContent = message;
  el.commentError.hidden = !message;
  if (message) {
    el.commentBody.setAttribute("aria-invalid", "true");
    el.commentBody.setAttribute("aria-describedby", "comment-error");
  } else {
    el.commentBody.removeAttribute("aria-invalid");
    el.commentBody.removeAttribute("aria-describedby");
  }
}

async function submitComment(event) {
  event.preventDefault();
  const body = el.commentBody.value;
  if (!body.trim()) {
    showCommentError(t("A comment cannot be empty."));
    el.commentBody.focus();
    return;
  }
  showCommentError("");
  el.commentSubmit.disabled = true;
  el.commentSubmit.textContent = t("Posting…");
  try {
    const comment = await api(`/api/ideas/${ideaId}/comments/`, { method: "POST", body: { body } });
    // The socket may have brought it already: one comment, counted once.
    if (store.merge([comment])) {
      setCommentCount((idea.comment_count ?? 0) + 1);
      renderCommentCount();
    }
    renderComments();
    el.commentBody.value = "";
  } catch (error) {
    if (!error.redirecting) {
      const field = error instanceof ApiError ? error.fieldErrors.body : null;
      showCommentError(field?.length ? field.join(" ") : errorMessage(error));
      el.commentBody.focus();
    }
  } finally {
    el.commentSubmit.disabled = false;
    el.commentSubmit.textContent = t("Post comment");
  }
}

function init() {
  commentList = new CommentList(el.commentList, {
    ideaId,
    store,
    me: () => me,
    canModerate: () => canModerate,
    // Replies as the main form allows comments: not on drafts (hidden ideas refuse them too).
    canReply: () => Boolean(me) && idea?.status !== "draft" && idea?.status !== "hidden",
    changed: renderComments,
    countBy: (n) => setCommentCount(Math.max(0, (idea.comment_count ?? 0) + n)),
  });
  el.retry.addEventListener("click", loadIdea);
  el.voteButton.addEventListener("click", () => vote?.toggle());
  el.commentForm.addEventListener("submit", submitComment);
  el.commentsMore.addEventListener("click", loadMoreComments);
  // A comment being written survives the language switch (which loads the page again).
  const unsentKey = `gagasan:unsent-comment:${window.location.pathname}`;
  const kept = takeKept(unsentKey);
  if (kept) el.commentBody.value = kept;
  keepOverLanguageSwitch(unsentKey, () => el.commentBody.value || null);
  loadIdea();
}

init();
