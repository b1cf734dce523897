// Idea feed: filters, search, ordering and pages, all kept in the URL so a view can be reloaded
// or shared.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { fillSelect, h, pageStates, statusBadge } from "./dom.js";
import { t, tn } from "./i18n.js";
import { renderLayout } from "./layout.js";
import { categoryName, hiddenLabel, nameOf, phaseLabel, STATUSES, statusLabel } from "./labels.js";
import { LiveSocket, LiveStatus } from "./live.js";
import { showVoteRefusal, VoteControl, voteButtonLabel } from "./vote.js";

const PAGE_SIZE = 20;
const FILTERS = ["search", "category", "agency", "campaign", "status", "collaboration", "ordering"];
const ORDERINGS = ["-created_at", "-vote_count", "trending"];
const DEFAULT_ORDERING = "-created_at";

const el = {
  form: document.getElementById("filters"),
  search: document.getElementById("filter-search"),
  category: document.getElementById("filter-category"),
  agency: document.getElementById("filter-agency"),
  campaign: document.getElementById("filter-campaign"),
  status: document.getElementById("filter-status"),
  collaboration: document.getElementById("filter-collaboration"),
  ordering: document.getElementById("filter-ordering"),
  reset: document.getElementById("filters-reset"),
  filtersToggle: document.getElementById("filters-toggle"),
  resultsStatus: document.getElementById("results-status"),
  loading: document.getElementById("feed-loading"),
  error: document.getElementById("feed-error"),
  errorMessage: document.getElementById("feed-error-message"),
  retry: document.getElementById("feed-retry"),
  empty: document.getElementById("feed-empty"),
  list: document.getElementById("idea-list"),
  pagination: document.getElementById("pagination"),
  prev: document.getElementById("page-prev"),
  next: document.getElementById("page-next"),
  pageInfo: document.getElementById("page-info"),
  liveStatus: document.getElementById("live-status"),
};

// Live counts for the ideas on the page shown (at most PAGE_SIZE sockets), closed when the page
// changes. One socket per card keeps each card's seq and snapshot of its own.
const MAX_LIVE_CARDS = 20;
const liveStatus = new LiveStatus(el.liveStatus);
let liveCards = []; // [{socket, vote}]

let state = readUrl();
let requestSeq = 0;
let lastPage = null; // {count, next, previous} of the page on screen
let reference = { categories: [], agencies: [], campaigns: [] };

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const next = { page: Math.max(1, Number.parseInt(params.get("page") || "1", 10) || 1) };
  for (const key of FILTERS) next[key] = (params.get(key) || "").trim();
  if (!ORDERINGS.includes(next.ordering)) next.ordering = DEFAULT_ORDERING;
  return next;
}

function writeUrl({ replace = false } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const value = state[key];
    if (value && !(key === "ordering" && value === DEFAULT_ORDERING)) params.set(key, value);
  }
  if (state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}

function formToState() {
  return {
    search: el.search.value.trim(),
    category: el.category.value,
    agency: el.agency.value,
    campaign: el.campaign.value,
    status: el.status.value,
    collaboration: el.collaboration.value,
    ordering: el.ordering.value || DEFAULT_ORDERING,
    page: 1,
  };
}

function stateToForm() {
  el.search.value = state.search;
  el.ordering.value = state.ordering;
  for (const key of ["category", "agency", "campaign", "status", "collaboration"]) {
    setSelectValue(el[key], state[key]);
  }
}

function setSelectValue(select, value) {
  if (![...select.options].some((o) => o.value === value)) {
    // Keep a filter from a shared link visible even before (or without) its option.
    if (value) select.appendChild(h("option", { value }, value));
  }
  select.value = value;
}

function renderStatusOptions() {
  fillSelect(
    el.status,
    // Hidden ideas are their authors' and the office's to see: no filter lists them.
    STATUSES.filter((status) => status !== "hidden").map((status) => ({ value: status, label: statusLabel(status) })),
    { placeholder: t("All"), value: state.status },
  );
}

function renderReferenceOptions() {
  fillSelect(
    el.category,
    reference.categories.map((c) => ({ value: c.slug, label: c.name })),
    { placeholder: t("All"), value: state.category },
  );
  fillSelect(
    el.agency,
    reference.agencies.map((a) => ({ value: String(a.id), label: a.name })),
    { placeholder: t("All"), value: state.agency },
  );
  fillSelect(
    el.campaign,
    reference.campaigns.map((c) => ({
      value: String(c.id),
      label: c.phase ? `${c.title} (${phaseLabel(c.phase)})` : c.title,
    })),
    { placeholder: t("All"), value: state.campaign },
  );
  stateToForm();
}

async function loadReference() {
  const settle = (promise) => promise.catch((error) => (error.redirecting ? null : []));
  const [categories, agencies, campaigns] = await Promise.all([
    settle(apiAll("/api/categories/")),
    settle(apiAll("/api/agencies/", { maxPages: 5 })),
    settle(apiAll("/api/campaigns/", { maxPages: 3 })),
  ]);
  reference = {
    categories: categories || [],
    agencies: agencies || [],
    campaigns: campaigns || [],
  };
  renderReferenceOptions();
}

const showState = pageStates(
  { loading: el.loading, error: el.error, empty: el.empty, list: el.list },
  { busy: el.list },
);

function show(part) {
  showState(part);
  if (part !== "list") el.pagination.hidden = true;
}

function pageFromLink(link) {
  if (!link) return null;
  const page = new URL(link, window.location.origin).searchParams.get("page");
  return page ? Number.parseInt(page, 10) : 1;
}

/** A card, with its own upvote (optimistic, like the idea page's) and live counts. */
function ideaCard(idea) {
  const category = categoryName(idea.category);
  const agency = idea.author ? nameOf(idea.agency) : hiddenLabel();
  const titleId = `idea-title-${idea.id}`;
  const messageId = `card-vote-message-${idea.id}`;
  const badgeSlot = h(
    "span",
    { class: "badge-slot" },
    idea.status ? statusBadge(idea.status, statusLabel(idea.status)) : null,
  );
  const votes = h("span", { class: "stat-text" });
  const commentsText = h("span", { class: "stat-text" });
  const voteButton = h(
    "button",
    {
      type: "button",
      class: "button vote-chip",
      "aria-pressed": "false",
      "aria-describedby": `${titleId} ${messageId}`,
      dataset: { testid: "card-vote-button" },
    },
    h("span", { class: "vote-icon", "aria-hidden": "true" }, "▲"),
    h("span", { dataset: { testid: "card-vote-label" } }, voteButtonLabel(idea.has_voted)),
  );
  const message = h("p", {
    id: messageId,
    class: "card-vote-message",
    role: "status",
    dataset: { testid: "card-vote-message" },
  });

  const card = h(
    "li",
    { class: "idea-card", dataset: { testid: "idea-card", ideaId: String(idea.id) } },
    h(
      "article",
      { class: "idea-card-body" },
      h(
        "div",
        { class: "idea-card-meta" },
        badgeSlot,
        category ? h("span", { class: "chip", dataset: { testid: "idea-category" } }, category) : null,
        idea.is_collaboration
          ? h(
              "span",
              { class: "chip chip-collaboration", dataset: { testid: "idea-collaboration" } },
              t("Cross-agency collaboration"),
            )
          : null,
      ),
      h(
        "h2",
        { class: "idea-card-title", id: titleId },
        h("a", { href: `/ideas/${idea.id}/`, dataset: { testid: "idea-link" } }, idea.title),
      ),
      agency ? h("p", { class: "idea-card-agency", dataset: { testid: "idea-agency" } }, agency) : null,
      idea.problem ? h("p", { class: "idea-card-excerpt" }, excerpt(idea.problem)) : null,
      h(
        "div",
        { class: "idea-card-foot" },
        h(
          "p",
          { class: "idea-card-stats" },
          h(
            "span",
            { class: "stat stat-votes", dataset: { testid: "idea-votes" } },
            h("span", { class: "stat-icon", "aria-hidden": "true" }, "▲ "),
            votes,
          ),
          h(
            "span",
            { class: "stat stat-comments", dataset: { testid: "idea-comments" } },
            commentsText,
          ),
        ),
        voteButton,
      ),
      message,
    ),
  );

  let commentCount = idea.comment_count ?? 0;
  const renderComments = () => {
    commentsText.textContent = tn("{n} comment", "{n} comments", { n: commentCount });
  };
  const vote = new VoteControl({
    ideaId: idea.id,
    voteCount: idea.vote_count,
    hasVoted: idea.has_voted,
    render({ vote_count: count, has_voted: pressed, pending }) {
      votes.textContent = tn("{n} vote", "{n} votes", { n: count });
      voteButton.setAttribute("aria-pressed", pressed ? "true" : "false");
      voteButton.lastChild.textContent = voteButtonLabel(pressed);
      voteButton.classList.toggle("is-pressed", pressed);
      voteButton.classList.toggle("is-pending", pending);
    },
    onError(text) {
      message.textContent = text;
      message.classList.toggle("is-error", Boolean(text));
    },
  });
  voteButton.addEventListener("click", () => vote.toggle());
  vote.draw();
  showVoteRefusal(voteButton, message, idea.vote_refusal);
  renderComments();

  const setStatus = (status) => {
    idea.status = status;
    badgeSlot.replaceChildren(statusBadge(status, statusLabel(status)));
  };
  const live = {
    idea,
    vote,
    handlers: {
      snapshot(m) {
        commentCount = m.comment_count;
        renderComments();
        if (m.status && m.status !== idea.status) setStatus(m.status);
        vote.applyServer({ vote_count: m.vote_count, has_voted: m.has_voted });
      },
      tally(m) {
        vote.applyServer({ vote_count: m.vote_count });
      },
      status(m) {
        setStatus(m.status);
      },
      // Comment frames carry the idea's absolute count (live.js has dropped older seqs).
      comment(m) {
        if (Number.isInteger(m.comment_count)) commentCount = m.comment_count;
        renderComments();
      },
      comment_withdrawn(m) {
        if (Number.isInteger(m.comment_count)) commentCount = m.comment_count;
        renderComments();
      },
    },
  };
  return { card, live };
}

function stopLiveCards() {
  for (const { socket } of liveCards) socket.stop();
  liveStatus.clear();
  liveCards = [];
}

function startLiveCards(cards) {
  stopLiveCards();
  for (const { live } of cards.slice(0, MAX_LIVE_CARDS)) {
    const socket = new LiveSocket(`/ws/ideas/${live.idea.id}/`, { handlers: live.handlers });
    liveStatus.track(socket);
    socket.start();
    liveCards.push({ socket, vote: live.vote });
  }
}

function excerpt(text, max = 180) {
  const flat = String(text).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function renderPage(data) {
  lastPage = data;
  const results = data?.results ?? [];
  const count = data?.count ?? results.length;
  el.resultsStatus.textContent = t("{n} ideas found", { n: count });
  if (!results.length) {
    stopLiveCards();
    el.list.replaceChildren();
    show("empty");
    return;
  }
  const cards = results.map(ideaCard);
  el.list.replaceChildren(...cards.map((c) => c.card));
  show("list");
  startLiveCards(cards);
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  el.pagination.hidden = !data.next && !data.previous;
  el.prev.disabled = !data.previous;
  el.next.disabled = !data.next;
  el.pageInfo.textContent = t("Page {page} of {pages}", { page: state.page, pages });
}

async function loadIdeas() {
  const seq = ++requestSeq;
  stopLiveCards();
  show("loading");
  el.resultsStatus.textContent = t("Loading…");
  const query = { page: state.page > 1 ? state.page : undefined, page_size: PAGE_SIZE };
  for (const key of FILTERS) if (state[key]) query[key] = state[key];
  try {
    const data = await api("/api/ideas/", { query });
    if (seq !== requestSeq) return;
    renderPage(data);
  } catch (error) {
    if (seq !== requestSeq || error.redirecting) return;
    if (error instanceof ApiError && error.status === 404 && state.page > 1) {
      // A page beyond the end (the list shrank): start again from the first.
      state.page = 1;
      writeUrl({ replace: true });
      loadIdeas();
      return;
    }
    el.resultsStatus.textContent = "";
    el.errorMessage.textContent = `${t("The ideas could not be loaded.")} ${errorMessage(error)}`;
    show("error");
  }
}

function apply(next, { focusResults = false } = {}) {
  state = next;
  writeUrl();
  renderFiltersToggle();
  loadIdeas().then(() => {
    if (focusResults) el.resultsStatus.scrollIntoView({ block: "nearest" });
  });
}

/** On a phone the filters fold behind a button that says how many are set. */
function renderFiltersToggle() {
  const set = ["category", "agency", "campaign", "status"].filter((key) => state[key]).length;
  el.filtersToggle.textContent = set ? t("Filters ({n} set)", { n: set }) : t("Filters");
}

function bind() {
  el.filtersToggle.addEventListener("click", () => {
    const open = !el.form.classList.contains("is-open");
    el.form.classList.toggle("is-open", open);
    el.filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  el.form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(formToState());
  });
  for (const key of ["category", "agency", "campaign", "status", "collaboration", "ordering"]) {
    el[key].addEventListener("change", () => apply(formToState()));
  }
  el.reset.addEventListener("click", () => {
    const cleared = { page: 1, ordering: DEFAULT_ORDERING };
    for (const key of FILTERS) if (key !== "ordering") cleared[key] = "";
    apply(cleared);
    stateToForm();
  });
  el.retry.addEventListener("click", () => loadIdeas());
  el.prev.addEventListener("click", () => {
    const page = pageFromLink(lastPage?.previous);
    if (page) apply({ ...state, page }, { focusResults: true });
  });
  el.next.addEventListener("click", () => {
    const page = pageFromLink(lastPage?.next);
    if (page) apply({ ...state, page }, { focusResults: true });
  });
  window.addEventListener("popstate", () => {
    state = readUrl();
    stateToForm();
    loadIdeas();
  });
}

async function init() {
  renderStatusOptions();
  stateToForm();
  bind();
  renderFiltersToggle();
  writeUrl({ replace: true });
  renderLayout().catch((error) => {
    if (!error.redirecting) console.error(error);
  });
  loadReference();
  await loadIdeas();
}

init();
