// Live leaderboard: a campaign's ranking by votes, pushed by the server whenever it changes, with
// rows gliding to their new places. `?display=wall` (or the full-screen button) shows the top ten
// in large type for a screen at an event.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { askedCampaign, fillCampaignSelect, writeCampaignToUrl } from "./campaigns.js";
import { $, h, pageStates } from "./dom.js";
import { formatNumber } from "./format.js";
import { getLocale, t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { categoryName, nameOf } from "./labels.js";
import { CLOSE_BAD_REQUEST, LiveSocket, LiveStatus } from "./live.js";

const LIMIT = 50;
const WALL_LIMIT = 10;
const MOVE_MS = 600;

const el = {
  main: $("main"),
  select: $("campaign-select"),
  fullscreen: $("fullscreen-button"),
  fullscreenLabel: $("fullscreen-label"),
  title: $("campaign-title"),
  liveStatus: $("live-status"),
  updated: $("leaderboard-updated"),
  loading: $("leaderboard-loading"),
  error: $("leaderboard-error"),
  errorMessage: $("leaderboard-error-message"),
  retry: $("leaderboard-retry"),
  empty: $("leaderboard-empty"),
  table: $("leaderboard"),
  caption: $("leaderboard-caption"),
  body: $("leaderboard-body"),
  byField: $("by-field"),
  by: $("by-select"),
  scoreHead: $("col-score"),
};

const wallByUrl = new URLSearchParams(window.location.search).get("display") === "wall";
const ORDERS = ["votes", "panel", "combined"];
// votes, or panel / combined for those who may see panel scores (API.md: 403 for others).
const askedOrder = new URLSearchParams(window.location.search).get("by");
let by = ORDERS.includes(askedOrder) ? askedOrder : "votes";
let me = null;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const liveStatus = new LiveStatus(el.liveStatus);

let campaigns = [];
let campaignId = null;
let socket = null;
let board = null; // the newest ranking shown: the REST or socket body
let fromSocket = false; // has the socket delivered a ranking for this campaign yet?
let loadSeq = 0;
let categoryNames = new Map(); // slug -> name in the interface language
const rows = new Map(); // idea id -> {row, votes, ...}

function isWall() {
  return wallByUrl || Boolean(document.fullscreenElement);
}

function campaignById(id) {
  return campaigns.find((c) => c.id === id) ?? null;
}

function chooseCampaign() {
  const asked = askedCampaign();
  if (Number.isInteger(asked)) return asked;
  const voting = campaigns.find((c) => c.phase === "voting");
  return (voting ?? campaigns[0])?.id ?? null;
}

const show = pageStates(
  { loading: el.loading, error: el.error, empty: el.empty, table: el.table },
  { busy: el.main },
);

function showError(message) {
  el.errorMessage.textContent = message;
  show("error");
}

function renderCampaignOptions() {
  fillCampaignSelect(el.select, campaigns, campaignId);
  el.select.disabled = campaigns.length === 0;
}

function renderTitle() {
  const campaign = campaignById(campaignId);
  const title = campaign?.title ?? "";
  el.title.textContent = isWall() && title ? `${title} · ${t("Top 10")}` : title;
  el.title.hidden = !title;
  el.caption.textContent = t("Idea ranking: {campaign}", { campaign: title });
}

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

function renderUpdated() {
  if (!board?.generated_at) {
    el.updated.hidden = true;
    return;
  }
  el.updated.hidden = false;
  el.updated.replaceChildren(
    h(
      "time",
      { datetime: board.generated_at },
      t("Updated {time}", { time: formatTime(board.generated_at) }),
    ),
  );
}

function categoryLabel(category) {
  // Socket frames are built once for every watcher, in the server's language; the names from
  // /api/categories/ follow the interface language.
  return categoryNames.get(category?.slug) ?? categoryName(category);
}

function createRow(ideaId) {
  const rank = h("td", { class: "col-rank", dataset: { testid: "leaderboard-rank" } });
  const link = h("a", { href: `/ideas/${ideaId}/`, dataset: { testid: "leaderboard-title" } });
  const sub = h("span", { class: "row-sub" });
  const agency = h("td", { class: "col-agency", dataset: { testid: "leaderboard-agency" } });
  const category = h("td", { class: "col-category", dataset: { testid: "leaderboard-category" } });
  const votes = h("span", { class: "vote-total" });
  const score = h("td", { class: "col-score", dataset: { testid: "leaderboard-score" }, hidden: by === "votes" });
  const row = h(
    "tr",
    { class: "leaderboard-row", dataset: { testid: "leaderboard-row", ideaId: String(ideaId) } },
    rank,
    h("th", { scope: "row", class: "col-idea" }, link, sub),
    agency,
    category,
    h("td", { class: "col-votes", dataset: { testid: "leaderboard-votes" } }, votes),
    score,
  );
  return { row, rank, link, sub, agency, category, votes, score };
}

function fillRow(cells, entry) {
  const agencyName = nameOf(entry.idea.agency);
  const category = categoryLabel(entry.idea.category);
  cells.row.dataset.rank = String(entry.rank);
  cells.rank.textContent = String(entry.rank);
  cells.link.textContent = entry.idea.title;
  cells.sub.textContent = [agencyName, category].filter(Boolean).join(" · ");
  cells.agency.textContent = agencyName;
  cells.category.textContent = category;
  const shown = by === "panel" ? entry.panel_score : entry.combined_score;
  cells.score.hidden = by === "votes";
  cells.score.textContent = by === "votes" || shown == null ? "—" : formatNumber(shown);
  const count = String(entry.vote_count ?? 0);
  if (cells.votes.textContent !== count) {
    const changed = cells.votes.textContent !== "";
    cells.votes.textContent = count;
    if (changed) flash(cells.votes);
  }
}

function flash(element) {
  if (reducedMotion.matches) return;
  element.classList.remove("bump");
  void element.offsetWidth; // restart the animation
  element.classList.add("bump");
}

/** Why the ranking shows no table: no ideas, or nothing but zeros to rank them by. */
function emptyReason(entries) {
  if (!entries.length) return t("No ideas are ranked in this campaign yet.");
  if (by === "votes" && entries.every((e) => !e.vote_count)) {
    return t("No support yet in this innovation challenge: the ranking starts with the first vote.");
  }
  if (by !== "votes" && entries.every((e) => e.panel_score == null)) {
    return t("No panel scores yet: the ranking by panel score starts with the first review.");
  }
  return "";
}

/** Draw `board`, moving rows that changed place from where they were (FLIP). */
function render() {
  renderTitle();
  renderUpdated();
  if (!board) return;
  const entries = (board.entries ?? []).slice(0, isWall() ? WALL_LIMIT : LIMIT);
  const empty = emptyReason(entries);
  el.scoreHead.hidden = by === "votes";
  if (empty) {
    for (const { row } of rows.values()) row.remove();
    rows.clear();
    el.empty.textContent = empty;
    show("empty");
    return;
  }
  const wasVisible = !el.table.hidden;
  show("table");
  const before = new Map();
  if (wasVisible) {
    for (const [id, cells] of rows) before.set(id, cells.row.getBoundingClientRect().top);
  }

  const wanted = new Set(entries.map((e) => e.idea.id));
  for (const [id, cells] of rows) {
    if (!wanted.has(id)) {
      cells.row.remove();
      rows.delete(id);
    }
  }
  entries.forEach((entry, index) => {
    let cells = rows.get(entry.idea.id);
    if (!cells) {
      cells = createRow(entry.idea.id);
      rows.set(entry.idea.id, cells);
    }
    fillRow(cells, entry);
    // Move only what is out of place, so that a focused link keeps its focus where it can.
    if (el.body.children[index] !== cells.row) {
      el.body.insertBefore(cells.row, el.body.children[index] ?? null);
    }
  });

  if (!wasVisible || reducedMotion.matches) return;
  for (const [id, cells] of rows) {
    const top = before.get(id);
    const delta = top === undefined ? 0 : top - cells.row.getBoundingClientRect().top;
    if (top === undefined) {
      cells.row.animate([{ opacity: 0 }, { opacity: 1 }], { duration: MOVE_MS, easing: "ease-out" });
    } else if (Math.abs(delta) > 1) {
      // A climbing row passes over the ones it overtakes.
      const rising = delta > 0;
      if (rising) cells.row.classList.add("is-rising");
      const animation = cells.row.animate(
        [{ transform: `translateY(${delta}px)` }, { transform: "translateY(0)" }],
        { duration: MOVE_MS, easing: "cubic-bezier(0.2, 0.8, 0.2, 1)" },
      );
      const settle = () => cells.row.classList.remove("is-rising");
      animation.finished.then(settle, settle);
    }
  }
}

function clearBoard() {
  board = null;
  fromSocket = false;
  for (const { row } of rows.values()) row.remove();
  rows.clear();
  el.updated.hidden = true;
}

function apply(body, { live }) {
  if (!body || body.campaign !== campaignId) return;
  // The socket's frames come in order (live.js drops older seqs); an HTTP answer is only a
  // stand-in until the first of them.
  if (!live && fromSocket) return;
  if (live) fromSocket = true;
  board = body;
  render();
}

async function loadRanking() {
  const seq = ++loadSeq;
  const id = campaignId;
  try {
    const body = await api("/api/leaderboard/", {
      query: { campaign: id, by, limit: wallByUrl ? WALL_LIMIT : LIMIT },
    });
    if (seq !== loadSeq) return;
    apply(body, { live: false });
  } catch (error) {
    if (seq !== loadSeq || error.redirecting || fromSocket) return;
    const message =
      error instanceof ApiError && error.status === 400
        ? t("This campaign was not found.")
        : `${t("The leaderboard could not be loaded.")} ${errorMessage(error)}`;
    showError(message);
  }
}

function startLive() {
  if (socket) {
    liveStatus.untrack(socket);
    socket.stop();
  }
  const limit = wallByUrl ? WALL_LIMIT : LIMIT;
  socket = new LiveSocket(`/ws/leaderboard/?campaign=${campaignId}&by=${by}&limit=${limit}`, {
    handlers: { leaderboard: (message) => apply(message, { live: true }) },
    onStopped(code) {
      if (code === CLOSE_BAD_REQUEST && !board) showError(t("This campaign was not found."));
    },
  });
  liveStatus.track(socket);
  socket.start();
}

function selectCampaign(id) {
  campaignId = id;
  if (me) renderByField();
  writeCampaignToUrl(campaignId);
  clearBoard();
  renderTitle();
  show("loading");
  startLive();
  loadRanking();
}

async function loadCategories() {
  try {
    const list = await apiAll("/api/categories/");
    categoryNames = new Map(list.map((c) => [c.slug, c.name]));
  } catch (error) {
    if (!error.redirecting) categoryNames = new Map(); // the names the ranking carries will do
  }
}

async function loadCampaigns() {
  show("loading");
  try {
    campaigns = await apiAll("/api/campaigns/", { maxPages: 5 });
  } catch (error) {
    if (!error.redirecting) showError(`${t("The leaderboard could not be loaded.")} ${errorMessage(error)}`);
    return;
  }
  campaignId = chooseCampaign();
  if (campaignId !== null && !campaignById(campaignId)) {
    // A campaign from a link that the list does not hold: offer it as its number, and let the
    // server say whether it exists.
    campaigns.push({ id: campaignId, title: `#${campaignId}`, phase: null });
  }
  renderCampaignOptions();
  if (campaignId === null) {
    el.empty.textContent = t("There are no campaigns yet.");
    show("empty");
    return;
  }
  selectCampaign(campaignId);
}

// Full screen: the wall layout, on the whole screen. Where the Fullscreen API is missing, the
// same layout through the URL.
function renderFullscreenButton() {
  const on = Boolean(document.fullscreenElement);
  el.fullscreenLabel.textContent = t(on ? "Exit full screen" : "Full screen");
}

async function toggleFullscreen() {
  if (document.fullscreenElement) {
    await document.exitFullscreen().catch(() => {});
    return;
  }
  const root = document.documentElement;
  if (!document.fullscreenEnabled || !root.requestFullscreen) {
    const next = new URLSearchParams(window.location.search);
    next.set("display", "wall");
    window.location.assign(`${window.location.pathname}?${next}`);
    return;
  }
  try {
    await root.requestFullscreen({ navigationUI: "hide" });
  } catch {
    // refused (no user gesture, a policy): the page stays as it is
  }
}

function applyDisplay() {
  document.body.classList.toggle("is-wall", isWall());
  renderFullscreenButton();
  render();
}

/** The ordering select, for those who may see panel scores: admins and leadership, and
 * everyone once the campaign's review phase has closed (API.md §Panel reviews). */
function renderByField() {
  const campaign = campaignById(campaignId);
  const may = hasRole(me, ["admin", "leadership"]) || campaign?.phase === "closed";
  el.byField.hidden = !may;
  if (!may && by !== "votes") chooseOrder("votes");
  el.by.value = by;
}

function chooseOrder(next) {
  by = next;
  const params = new URLSearchParams(window.location.search);
  if (by === "votes") params.delete("by");
  else params.set("by", by);
  window.history.replaceState(null, "", `${window.location.pathname}?${params}`);
}

function init() {
  applyDisplay();
  renderLayout()
    .then((person) => {
      me = person;
      renderByField();
    })
    .catch((error) => {
      if (!error.redirecting) console.error(error);
    });
  el.by.addEventListener("change", () => {
    if (!ORDERS.includes(el.by.value) || el.by.value === by) return;
    chooseOrder(el.by.value);
    selectCampaign(campaignId);
  });
  el.select.addEventListener("change", () => {
    const id = Number.parseInt(el.select.value, 10);
    if (Number.isInteger(id) && id !== campaignId) selectCampaign(id);
  });
  el.retry.addEventListener("click", () => (campaigns.length ? loadRanking() : loadCampaigns()));
  el.fullscreen.addEventListener("click", toggleFullscreen);
  document.addEventListener("fullscreenchange", applyDisplay);
  loadCategories().then(() => {
    if (board) render();
  });
  loadCampaigns();
}

init();
