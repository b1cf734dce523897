// Idea page: the idea, its votes and its comments. Every text from people goes in as text.

import { api, ApiError, errorMessage } from "./api.js";
import { h, statusBadge } from "./dom.js";
import { getLocale, t } from "./i18n.js";
import { renderLayout } from "./layout.js";
import { categoryName, nameOf } from "./labels.js";
import { LiveSocket, LiveStatus } from "./live.js";
import { VoteControl } from "./vote.js";

const match = window.location.pathname.match(/^\/ideas\/(\d+)\/?$/);
const ideaId = match ? Number.parseInt(match[1], 10) : null;

const $ = (id) => document.getElementById(id);
const el = {
  loading: $("idea-loading"),
  error: $("idea-error"),
  errorMessage: $("idea-error-message"),
  retry: $("idea-retry"),
  notFound: $("idea-not-found"),
  idea: $("idea"),
  status: $("idea-status"),
  categoryChip: $("idea-category-chip"),
  title: $("idea-title"),
  byline: $("idea-byline"),
  problem: $("idea-problem"),
  solution: $("idea-solution"),
  impactSection: $("idea-impact-section"),
  impact: $("idea-impact"),
  voteCount: $("vote-count"),
  voteLabel: $("vote-label"),
  voteButton: $("vote-button"),
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
};

let idea = null;
let comments = [];
let commentsNext = null;
let vote = null; // VoteControl once the idea is loaded
let live = null; // LiveSocket once the idea is loaded
const liveStatus = new LiveStatus(el.liveStatus);

/** A moment in the chosen language, on Jakarta's clock. */
export function formatDateTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

function timeElement(iso, testid) {
  return h("time", { datetime: iso, dataset: testid ? { testid } : undefined }, formatDateTime(iso));
}

function show(part) {
  el.loading.hidden = part !== "loading";
  el.error.hidden = part !== "error";
  el.notFound.hidden = part !== "not-found";
  el.idea.hidden = part !== "idea";
}

function personWithAgency(person) {
  const agency = nameOf(person?.agency);
  return h(
    "span",
    { class: "person" },
    h("span", { class: "person-name" }, nameOf(person)),
    agency ? h("span", { class: "person-agency" }, ` (${agency})`) : null,
  );
}

function regionLabel(region) {
  if (!region) return t("common.none");
  const kind = region.kind ? t(`region.${region.kind}`) : "";
  return kind && !region.name?.toLowerCase().startsWith(kind.toLowerCase())
    ? `${region.name} · ${kind}`
    : nameOf(region);
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
  el.voteLabel.textContent = t("idea.votes_unit", { n: count });
  el.voteButton.setAttribute("aria-pressed", pressed ? "true" : "false");
  el.voteButton.classList.toggle("is-pressed", pressed);
  el.voteButton.classList.toggle("is-pending", pending);
  el.voteState.textContent = pressed ? `${t("idea.voted")}. ${t("idea.vote_hint")}` : "";
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
  el.status.replaceChildren(statusBadge(idea.status, t(`status.${idea.status}`)));
  el.statusText.textContent = t(`status.${idea.status}`);
}

function renderCommentCount() {
  el.commentCount.textContent = String(idea.comment_count ?? comments.length);
}

function renderIdea() {
  document.title = `${idea.title} · ${t("app.name")}`;
  renderStatus();
  el.categoryChip.textContent = categoryName(idea.category);
  el.categoryChip.hidden = !el.categoryChip.textContent;
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
  el.agency.textContent = nameOf(idea.agency);
  el.region.textContent = regionLabel(idea.region);
  el.category.textContent = categoryName(idea.category);
  el.created.replaceChildren(idea.created_at ? timeElement(idea.created_at, "idea-created-time") : "");
  renderVote();
  renderCommentCount();
}

function commentItem(comment) {
  const kind = comment.kind && comment.kind !== "staff" ? comment.kind : null;
  const body = h("p", { class: "comment-body prose", dataset: { testid: "comment-body" } });
  body.textContent = comment.body ?? ""; // plain text, never markup
  return h(
    "li",
    {
      class: `comment${kind ? ` comment-${kind}` : ""}`,
      id: `comment-${comment.id}`,
      dataset: { testid: "comment", commentId: String(comment.id) },
    },
    h(
      "p",
      { class: "comment-meta" },
      personWithAgency(comment.author),
      kind ? h("span", { class: `badge badge-kind-${kind}` }, t(`comment.kind.${kind}`)) : null,
      comment.created_at ? " · " : null,
      comment.created_at ? timeElement(comment.created_at) : null,
    ),
    body,
  );
}

/** Oldest first, as the API lists them, wherever each one came from (list, post, socket). */
function byTime(a, b) {
  const ta = Date.parse(a.created_at ?? "") || 0;
  const tb = Date.parse(b.created_at ?? "") || 0;
  return ta - tb || (a.id ?? 0) - (b.id ?? 0);
}

/** Add the comments not yet shown; answers how many were new. */
function mergeComments(list) {
  const known = new Set(comments.map((c) => c.id));
  const fresh = list.filter((c) => c && !known.has(c.id));
  comments.push(...fresh);
  comments.sort(byTime);
  return fresh.length;
}

function renderComments() {
  el.commentList.replaceChildren(...comments.map(commentItem));
  el.commentsEmpty.hidden = comments.length > 0;
  el.commentsMore.hidden = !commentsNext;
}

/** The first page of comments, added to what is shown: on load, and again when the socket's
 * snapshot says some were missed (live ones may already be there). */
async function loadComments() {
  try {
    const data = await api(`/api/ideas/${ideaId}/comments/`, { query: { page_size: 50 } });
    mergeComments(Array.isArray(data) ? data : (data?.results ?? []));
    if (commentsNext === null && !Array.isArray(data)) commentsNext = data?.next ?? null;
    el.commentsEmpty.textContent = t("idea.no_comments");
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
    mergeComments(data?.results ?? []);
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
      document.title = `${t("idea.not_found_heading")} · ${t("app.name")}`;
      show("not-found");
      return;
    }
    el.errorMessage.textContent = `${t("idea.error")} ${errorMessage(error)}`;
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
  startLive();
  await loadComments();
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
        idea.comment_count = message.comment_count;
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
      },
      comment(message) {
        // The author's own POST may have added it already: one comment, counted once.
        if (mergeComments([message.comment])) {
          idea.comment_count = (idea.comment_count ?? 0) + 1;
          renderCommentCount();
          renderComments();
        }
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
    showCommentError(t("idea.comment_empty"));
    el.commentBody.focus();
    return;
  }
  showCommentError("");
  el.commentSubmit.disabled = true;
  el.commentSubmit.textContent = t("idea.comment_sending");
  try {
    const comment = await api(`/api/ideas/${ideaId}/comments/`, { method: "POST", body: { body } });
    // The socket may have brought it already: one comment, counted once.
    if (mergeComments([comment])) {
      idea.comment_count = (idea.comment_count ?? 0) + 1;
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
    el.commentSubmit.textContent = t("idea.comment_submit");
  }
}

function init() {
  renderLayout().catch((error) => {
    if (!error.redirecting) console.error(error);
  });
  el.retry.addEventListener("click", loadIdea);
  el.voteButton.addEventListener("click", () => vote?.toggle());
  el.commentForm.addEventListener("submit", submitComment);
  el.commentsMore.addEventListener("click", loadMoreComments);
  document.addEventListener("gagasan:langchange", () => {
    // Dates and labels are rendered again at once; the category's name comes from the server.
    if (idea) {
      renderIdea();
      renderComments();
      api(`/api/ideas/${ideaId}/`).then(
        (fresh) => {
          idea = fresh;
          vote.applyServer(fresh);
          renderIdea();
        },
        () => {},
      );
    } else if (!el.notFound.hidden) document.title = `${t("idea.not_found_heading")} · ${t("app.name")}`;
  });
  loadIdea();
}

init();
