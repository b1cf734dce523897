// Live leaderboard: a campaign's ranking by votes, pushed by the server whenever it changes, with
// rows gliding to their new places. `?display=wall` (or the full-screen button) shows the top ten
// in large type for a screen at an event.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { askedCampaign, fillCampaignSelect, writeCampaignToUrl } from "./campaigns.js";
import { $, h, pageStates } from "./dom.js";
import { getLocale, t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { categoryName } from "./labels.js";
import { emptyReason, LeaderboardTable } from "./leaderboard_table.js";
import { CLOSE_BAD_REQUEST, LiveSocket, LiveStatus } from "./live.js";

const LIMIT = 50;
const WALL_LIMIT = 10;

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
const liveStatus = new LiveStatus(el.liveStatus);

let campaigns = [];
let campaignId = null;
let socket = null;
let board = null; // the newest ranking shown: the REST or socket body
let fromSocket = false; // has the socket delivered a ranking for this campaign yet?
let loadSeq = 0;
let categoryNames = new Map(); // slug -> name in the interface language
const table = new LeaderboardTable(el.body, { by, scoreHead: el.scoreHead, categoryLabel });

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

/** Draw `board`: its rows glide from where they were to their new places. */
function render() {
  renderTitle();
  renderUpdated();
  if (!board) return;
  const entries = (board.entries ?? []).slice(0, isWall() ? WALL_LIMIT : LIMIT);
  const empty = emptyReason(entries, by);
  el.scoreHead.hidden = by === "votes";
  if (empty) {
    table.clear();
    el.empty.textContent = empty;
    show("empty");
    return;
  }
  const wasVisible = !el.table.hidden;
  show("table");
  table.setBy(by);
  table.render(entries, { animate: wasVisible });
}

function clearBoard() {
  board = null;
  fromSocket = false;
  table.clear();
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
