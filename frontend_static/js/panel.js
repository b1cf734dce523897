// Panel progress (admins and leadership): per reviewer of a campaign, how many ideas they were
// given, how many they have reviewed and how many are overdue, with each one's ideas on demand.
//
// There is no progress socket: the campaign's panel leaderboard socket moves whenever a review
// changes a panel score (every first review of an idea does), and is taken as the cue to read
// the progress again; a quiet poll catches the rest (a review that left every score as it was,
// a due date passing).

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { askedCampaign, fillCampaignSelect, writeCampaignToUrl } from "./campaigns.js";
import { $, h, pageStates } from "./dom.js";
import { formatShortDateTime, isPast } from "./format.js";
import { getLocale, t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { nameOf } from "./labels.js";
import { LiveSocket, LiveStatus } from "./live.js";

const POLL_MS = 30_000;
const REFRESH_DELAY_MS = 150; // several cues close together make one read

const el = {
  main: $("main"),
  tools: $("panel-tools"),
  select: $("campaign-select"),
  refresh: $("panel-refresh"),
  loading: $("panel-loading"),
  error: $("panel-error"),
  errorMessage: $("panel-error-message"),
  retry: $("panel-retry"),
  noAccess: $("panel-no-access"),
  card: $("panel-card"),
  title: $("panel-campaign-title"),
  liveStatus: $("live-status"),
  updated: $("panel-updated"),
  totals: $("panel-totals"),
  empty: $("panel-empty"),
  table: $("panel-table"),
  caption: $("panel-caption"),
  body: $("panel-body"),
};

const liveStatus = new LiveStatus(el.liveStatus);
let me = null;
let campaigns = [];
let campaignId = null;
let progress = null; // the last answer for campaignId
let loadedAt = null;
let titles = new Map(); // idea id -> title, for campaignId
let titlesFor = null;
const expanded = new Set(); // reviewer ids whose ideas are shown
let socket = null;
let loadSeq = 0;
let refreshTimer = null;
let pollTimer = null;

const showState = pageStates(
  { loading: el.loading, error: el.error, "no-access": el.noAccess, card: el.card },
  { busy: el.main },
);

function show(part) {
  showState(part);
  el.tools.hidden = part === "no-access" || campaigns.length === 0;
}

function showError(message) {
  el.errorMessage.textContent = message;
  show("error");
}

function campaignById(id) {
  return campaigns.find((c) => c.id === id) ?? null;
}

function chooseCampaign() {
  const asked = askedCampaign();
  if (campaignById(asked)) return asked;
  const reviewing = campaigns.find((c) => c.phase === "review");
  return (reviewing ?? campaigns[0])?.id ?? null;
}

function renderCampaignOptions() {
  fillCampaignSelect(el.select, campaigns, campaignId);
}

// --- Drawing ----------------------------------------------------------------------------------

function ideaState(item) {
  if (item.reviewed) return "done";
  return isPast(item.due_at) ? "overdue" : "pending";
}

const IDEA_STATE_LABEL = {
  done: "Done",
  overdue: "Overdue",
  pending: "Pending",
};

function ideaItem(item) {
  const state = ideaState(item);
  return h(
    "li",
    { class: `panel-idea is-${state}`, dataset: { testid: "panel-idea", state, ideaId: String(item.idea) } },
    h(
      "span",
      { class: `badge badge-review-${state}`, dataset: { testid: "panel-idea-state" } },
      state === "done" ? h("span", { "aria-hidden": "true" }, "✓ ") : null,
      t(IDEA_STATE_LABEL[state]),
    ),
    " ",
    h(
      "a",
      { href: `/ideas/${item.idea}/`, dataset: { testid: "panel-idea-title" } },
      titles.get(item.idea) ?? t("Idea #{id}", { id: item.idea }),
    ),
    h(
      "span",
      { class: "panel-idea-due" },
      " · ",
      h("time", { datetime: item.due_at }, t("Due {date}", { date: formatShortDateTime(item.due_at) })),
    ),
  );
}

function byIdeaOrder(a, b) {
  return Number(a.reviewed) - Number(b.reviewed) || Date.parse(a.due_at) - Date.parse(b.due_at) || a.idea - b.idea;
}

function reviewerRows(entry) {
  const reviewer = entry.reviewer ?? {};
  const name = nameOf(reviewer);
  const agency = nameOf(reviewer.agency);
  const detailId = `reviewer-${reviewer.id}-ideas`;
  const open = expanded.has(reviewer.id);
  const toggle = h("button", {
    type: "button",
    class: "button button-secondary panel-toggle",
    "aria-expanded": open ? "true" : "false",
    "aria-controls": detailId,
    dataset: { testid: "panel-toggle" },
  });
  const detail = h(
    "tr",
    { id: detailId, class: "panel-ideas-row", hidden: !open, dataset: { testid: "panel-ideas" } },
    h(
      "td",
      { colspan: "6" },
      h(
        "ul",
        { class: "panel-ideas", "aria-label": t("Ideas assigned to {name}", { name }) },
        [...(entry.ideas ?? [])].sort(byIdeaOrder).map(ideaItem),
      ),
    ),
  );
  const renderToggle = () => {
    const isOpen = expanded.has(reviewer.id);
    toggle.setAttribute("aria-expanded", isOpen ? "true" : "false");
    toggle.textContent = isOpen ? t("Hide ideas") : t("Show ideas ({n})", { n: entry.assigned });
    detail.hidden = !isOpen;
  };
  toggle.addEventListener("click", () => {
    if (expanded.has(reviewer.id)) expanded.delete(reviewer.id);
    else expanded.add(reviewer.id);
    renderToggle();
  });
  renderToggle();

  const counts = t("{done}/{total} done · {overdue} overdue", { done: entry.reviewed, total: entry.assigned, overdue: entry.overdue });
  const row = h(
    "tr",
    {
      class: `panel-row${entry.overdue ? " has-overdue" : ""}`,
      dataset: { testid: "panel-row", reviewerId: String(reviewer.id) },
    },
    h(
      "th",
      { scope: "row", class: "col-reviewer" },
      h("span", { class: "panel-name", dataset: { testid: "panel-reviewer" } }, name),
      h("span", { class: "row-sub" }, [agency, counts].filter(Boolean).join(" · ")),
      toggle,
    ),
    h("td", { class: "col-agency", dataset: { testid: "panel-agency" } }, agency),
    h("td", { class: "col-num", dataset: { testid: "panel-assigned" } }, String(entry.assigned)),
    h("td", { class: "col-num", dataset: { testid: "panel-reviewed" } }, String(entry.reviewed)),
    h(
      "td",
      { class: `col-num${entry.overdue ? " is-overdue" : ""}`, dataset: { testid: "panel-overdue" } },
      String(entry.overdue),
    ),
    h(
      "td",
      { class: "col-progress" },
      h(
        "div",
        { class: "progress-cell" },
        h("progress", {
          class: "progress",
          max: String(Math.max(entry.assigned, 1)),
          value: String(entry.reviewed),
          "aria-label": t("Progress of {name}: {done} of {total}", { name, done: entry.reviewed, total: entry.assigned }),
        }),
        h(
          "span",
          { class: "progress-text", dataset: { testid: "panel-progress-text" } },
          `${entry.reviewed}/${entry.assigned}`,
        ),
      ),
    ),
  );
  return [row, detail];
}

function formatTime(date) {
  return new Intl.DateTimeFormat(getLocale(), {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

function render() {
  const campaign = campaignById(campaignId);
  el.title.textContent = campaign?.title ?? "";
  el.caption.textContent = t("Reviewer progress: {campaign}", { campaign: campaign?.title ?? "" });
  if (loadedAt) {
    el.updated.hidden = false;
    el.updated.replaceChildren(
      h("time", { datetime: loadedAt.toISOString() }, t("Updated {time}", { time: formatTime(loadedAt) })),
    );
  }
  if (!progress) return;
  const reviewers = progress.reviewers ?? [];
  const sum = (key) => reviewers.reduce((total, r) => total + (r[key] ?? 0), 0);
  el.totals.textContent = reviewers.length
    ? t("{done} of {total} reviews done · {overdue} overdue", { done: sum("reviewed"), total: sum("assigned"), overdue: sum("overdue") })
    : "";
  el.empty.hidden = reviewers.length > 0;
  el.empty.textContent = t("No reviewers are assigned in this campaign yet.");
  el.table.hidden = reviewers.length === 0;
  el.body.replaceChildren(...reviewers.flatMap(reviewerRows));
}

// --- Reading ----------------------------------------------------------------------------------

async function loadTitles(id, progressBody) {
  const needed = (progressBody.reviewers ?? []).flatMap((r) => (r.ideas ?? []).map((i) => i.idea));
  if (titlesFor === id && needed.every((ideaId) => titles.has(ideaId))) return;
  try {
    const ideas = await apiAll("/api/ideas/", { query: { campaign: id }, maxPages: 10 });
    titles = new Map(ideas.map((idea) => [idea.id, idea.title]));
    titlesFor = id;
  } catch (error) {
    if (error.redirecting) throw error;
    // Ideas are then named by their number.
  }
}

/** Read the progress again; `quiet` keeps what is shown until the answer is in. */
async function loadProgress({ quiet = false } = {}) {
  const seq = ++loadSeq;
  const id = campaignId;
  if (!quiet) {
    progress = null;
    show("loading");
  }
  try {
    const body = await api(`/api/campaigns/${id}/panel/progress/`);
    await loadTitles(id, body);
    if (seq !== loadSeq) return;
    progress = body;
    loadedAt = new Date();
    show("card");
    render();
  } catch (error) {
    if (seq !== loadSeq || error.redirecting) return;
    if (quiet && progress) return; // the next cue tries again
    const message =
      error instanceof ApiError && error.status === 403 ? t("This page is for innovation admins and leadership only.") : errorMessage(error);
    showError(`${t("The panel's progress could not be loaded.")} ${message}`);
  }
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => loadProgress({ quiet: true }), REFRESH_DELAY_MS);
}

function startLive() {
  if (socket) {
    liveStatus.untrack(socket);
    socket.stop();
  }
  let first = true;
  socket = new LiveSocket(`/ws/leaderboard/?campaign=${campaignId}&by=panel&limit=1`, {
    handlers: {
      leaderboard() {
        // The first frame only says where things stand, which the page has just read.
        if (first) {
          first = false;
          return;
        }
        scheduleRefresh();
      },
    },
  });
  // Frames after a reconnect may hide what was missed: read again then too.
  socket.onStatus((status) => {
    if (status === "reconnecting") first = false;
  });
  liveStatus.track(socket);
  socket.start();
}

function selectCampaign(id) {
  campaignId = id;
  expanded.clear();
  writeCampaignToUrl(campaignId);
  loadProgress();
  startLive();
}

async function start() {
  show("loading");
  try {
    me = me ?? (await renderLayout());
  } catch (error) {
    if (!error.redirecting) showError(`${t("The panel's progress could not be loaded.")} ${errorMessage(error)}`);
    return;
  }
  if (!hasRole(me, ["admin", "leadership"])) {
    show("no-access");
    return;
  }
  try {
    campaigns = await apiAll("/api/campaigns/", { maxPages: 5 });
  } catch (error) {
    if (!error.redirecting) showError(`${t("The panel's progress could not be loaded.")} ${errorMessage(error)}`);
    return;
  }
  campaignId = chooseCampaign();
  renderCampaignOptions();
  if (campaignId === null) {
    show("card");
    el.empty.textContent = t("There are no campaigns yet.");
    el.empty.hidden = false;
    return;
  }
  selectCampaign(campaignId);
  clearInterval(pollTimer);
  pollTimer = setInterval(() => {
    if (document.visibilityState === "visible" && progress) loadProgress({ quiet: true });
  }, POLL_MS);
}

function init() {
  el.select.addEventListener("change", () => {
    const id = Number.parseInt(el.select.value, 10);
    if (Number.isInteger(id) && id !== campaignId) selectCampaign(id);
  });
  el.refresh.addEventListener("click", () => loadProgress({ quiet: true }));
  el.retry.addEventListener("click", () => (campaignId === null ? start() : loadProgress()));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && progress) scheduleRefresh();
  });
  start();
}

init();
