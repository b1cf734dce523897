// Idea page: the idea, its votes and its comments. Every text from people goes in as text.

import { api, ApiError, errorMessage } from "./api.js";
import { h, statusBadge } from "./dom.js";
import { getLocale, t } from "./i18n.js";
import { renderLayout } from "./layout.js";
import { categoryName, nameOf } from "./labels.js";

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
};

let idea = null;
let comments = [];
let commentsNext = null;
let voting = false;

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
  el.voteCount.textContent = String(idea.vote_count ?? 0);
  el.voteLabel.textContent = t("idea.votes_unit", { n: idea.vote_count ?? 0 });
  const pressed = Boolean(idea.has_voted);
  el.voteButton.setAttribute("aria-pressed", pressed ? "true" : "false");
  el.voteButton.classList.toggle("is-pressed", pressed);
  el.voteState.textContent = pressed ? `${t("idea.voted")}. ${t("idea.vote_hint")}` : "";
}

function renderIdea() {
  document.title = `${idea.title} · ${t("app.name")}`;
  el.status.replaceChildren(statusBadge(idea.status, t(`status.${idea.status}`)));
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
  el.statusText.textContent = t(`status.${idea.status}`);
  el.created.replaceChildren(idea.created_at ? timeElement(idea.created_at, "idea-created-time") : "");
  renderVote();
  el.commentCount.textContent = String(idea.comment_count ?? comments.length);
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

function renderComments() {
  el.commentList.replaceChildren(...comments.map(commentItem));
  el.commentsEmpty.hidden = comments.length > 0;
  el.commentsMore.hidden = !commentsNext;
}

async function loadComments() {
  try {
    const data = await api(`/api/ideas/${ideaId}/comments/`, { query: { page_size: 50 } });
    if (Array.isArray(data)) {
      comments = data;
      commentsNext = null;
    } else {
      comments = data?.results ?? [];
      commentsNext = data?.next ?? null;
    }
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
    const known = new Set(comments.map((c) => c.id));
    comments.push(...(data?.results ?? []).filter((c) => !known.has(c.id)));
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
  renderIdea();
  show("idea");
  await loadComments();
}

async function toggleVote() {
  if (!idea || voting) return;
  voting = true;
  el.voteButton.disabled = true;
  el.voteMessage.textContent = "";
  el.voteMessage.classList.remove("is-error");
  try {
    const result = await api(`/api/ideas/${ideaId}/vote/`, {
      method: idea.has_voted ? "DELETE" : "POST",
    });
    idea.vote_count = result.vote_count;
    idea.has_voted = result.has_voted;
    renderVote();
  } catch (error) {
    if (error.redirecting) return;
    // 403 own_idea, 409 voting_closed, 429 throttled: the server's words, in the chosen language.
    el.voteMessage.textContent = errorMessage(error);
    el.voteMessage.classList.add("is-error");
  } finally {
    voting = false;
    el.voteButton.disabled = false;
  }
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
    if (!comments.some((c) => c.id === comment.id)) comments.push(comment);
    idea.comment_count = (idea.comment_count ?? 0) + 1;
    el.commentCount.textContent = String(idea.comment_count);
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
  el.voteButton.addEventListener("click", toggleVote);
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
          renderIdea();
        },
        () => {},
      );
    } else if (!el.notFound.hidden) document.title = `${t("idea.not_found_heading")} · ${t("app.name")}`;
  });
  loadIdea();
}

init();
