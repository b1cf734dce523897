// Leadership dashboard (/dasbor/, leadership and admins): the totals, four charts (status funnel,
// categories, agencies per 100 staff or by number, activity per day) each with its table, the
// campaign's live leaderboard by support, panel score and combined score, the panels' review
// progress and the agency and region rankings, under four filters kept in the URL.
//
// Live: the numbers come from /api/stats/ and then from /ws/dashboard/ (the same body, again
// whenever it changes, each with a growing `seq`: an older one is dropped); the leaderboards
// from /api/leaderboard/ and then /ws/live/. `?display=wall` or the wall-mode button (full
// screen) shows the key charts and the top five of each ranking on one 16:9 screen.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { chartsAvailable, DashboardCharts } from "./dashboard_charts.js";
import { $, fillSelect, h, pageStates } from "./dom.js";
import { formatStat } from "./format.js";
import { getLocale, t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { categoryName, nameOf, phaseLabel, regionName } from "./labels.js";
import { emptyReason, flash, LeaderboardTable } from "./leaderboard_table.js";
import { CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN, LiveSocket, LiveStatus, OwnSocket } from "./live.js";

const FILTERS = ["campaign", "category", "agency", "region"];
const ALL_CAMPAIGNS = "all";
const BOARDS = ["votes", "panel", "combined"];
const BOARD_LIMIT = 10;
const WALL_BOARD_LIMIT = 5;
const AGENCY_ROWS = 15; // the agency ranking's first rows; the rest on demand

const el = {
  main: $("main"),
  scope: $("dash-scope"),
  liveStatus: $("live-status"),
  updated: $("dash-updated"),
  fullscreen: $("fullscreen-button"),
  fullscreenLabel: $("fullscreen-label"),
  noAccess: $("dash-no-access"),
  filters: $("dash-filters"),
  campaign: $("filter-campaign"),
  category: $("filter-category"),
  agency: $("filter-agency"),
  region: $("filter-region"),
  reset: $("filters-reset"),
  loading: $("dash-loading"),
  error: $("dash-error"),
  errorMessage: $("dash-error-message"),
  retry: $("dash-retry"),
  empty: $("dash-empty"),
  body: $("dash-body"),
  tiles: $("dash-tiles"),
  boardsScope: $("leaderboards-scope"),
  boardsNone: $("leaderboards-none"),
  boards: $("leaderboards"),
  boardLink: $("leaderboard-link"),
  reviewers: $("reviewers"),
  reviewersEmpty: $("reviewers-empty"),
  agencyBody: $("agency-table-body"),
  agencyMore: $("agency-table-more"),
  regionBody: $("region-table-body"),
};

const params = new URLSearchParams(window.location.search);
const wallByUrl = params.get("display") === "wall";
const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""]));
const charts = new DashboardCharts();
const liveStatus = new LiveStatus(el.liveStatus);

let me = null;
let campaigns = [];
let categoryNames = new Map(); // slug -> name in the interface language
let agencies = [];
let regions = [];
let stats = null; // the newest /api/stats/ body shown (REST or socket) for `filters`
let statsSocket = null;
let loadSeq = 0;
let measure = "per_100";
let agenciesExpanded = false;
const boards = new Map(); // by -> {table, socket, body, fromSocket, parts}

const show = pageStates(
  { loading: el.loading, error: el.error, "no-access": el.noAccess, empty: el.empty, body: el.body },
  { busy: el.main },
);

function showError(message) {
  el.errorMessage.textContent = message;
  show("error");
}

function showNoAccess() {
  stopLive();
  el.filters.hidden = true;
  el.fullscreen.hidden = true;
  el.scope.hidden = true;
  el.updated.hidden = true;
  show("no-access");
}

function isWall() {
  return wallByUrl || Boolean(document.fullscreenElement);
}

// --- Filters -----------------------------------------------------------------------------------

/** The campaign the dashboard shows: one id, or every campaign. */
function campaignId() {
  return /^\d+$/.test(filters.campaign) ? Number(filters.campaign) : null;
}

/** The filters as /api/stats/ and /ws/dashboard/ take them (empty ones left out). */
function statsQuery() {
  const query = {};
  for (const name of FILTERS) {
    const value = name === "campaign" && filters.campaign === ALL_CAMPAIGNS ? "" : filters[name];
    if (value) query[name] = value;
  }
  return query;
}

/** Is `bodyFilters` (a stats body's `filters`) what the page asks for now? */
function sameFilters(bodyFilters) {
  const query = statsQuery();
  return FILTERS.every((name) => String(bodyFilters?.[name] ?? "") === (query[name] ?? ""));
}

function writeFiltersToUrl() {
  const next = new URLSearchParams(window.location.search);
  for (const name of FILTERS) {
    if (filters[name]) next.set(name, filters[name]);
    else next.delete(name);
  }
  const query = next.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}

function defaultCampaign() {
  const voting = campaigns.find((c) => c.phase === "voting");
  const id = (voting ?? campaigns[0])?.id;
  return id === undefined ? ALL_CAMPAIGNS : String(id);
}

function fillFilters() {
  fillSelect(
    el.campaign,
    [
      { value: ALL_CAMPAIGNS, label: t("All") },
      ...campaigns.map((c) => ({ value: String(c.id), label: `${c.title} (${phaseLabel(c.phase)})` })),
    ],
    { value: filters.campaign },
  );
  fillSelect(
    el.category,
    [...categoryNames].map(([slug, name]) => ({ value: slug, label: name })),
    { placeholder: t("All"), value: filters.category },
  );
  fillSelect(
    el.agency,
    [...agencies]
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b), getLocale()))
      .map((a) => ({ value: String(a.id), label: nameOf(a) })),
    { placeholder: t("All"), value: filters.agency },
  );
  // Each kota / kabupaten administrasi with its kecamatan under it.
  const cities = regions.filter((r) => !r.parent).sort((a, b) => String(a.code).localeCompare(String(b.code)));
  fillSelect(
    el.region,
    cities.map((city) => ({
      group: regionName(city),
      options: [city, ...regions.filter((r) => r.parent === city.id && r.kind === "kecamatan")].map((r) => ({
        value: String(r.id),
        label: regionName(r),
      })),
    })),
    { placeholder: t("All"), value: filters.region },
  );
  // What the URL asked for and the lists do not hold is dropped rather than sent.
  for (const name of FILTERS) filters[name] = el[name].value;
}

function readFilters() {
  for (const name of FILTERS) filters[name] = el[name].value;
}

// --- Drawing -----------------------------------------------------------------------------------

function categoryLabel(category) {
  // Socket frames are built in the server's language; /api/categories/ follows the interface's.
  return categoryNames.get(category?.slug) ?? categoryName(category);
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

/** "Jakarta Lancar 2027 · Lalu Lintas · Dinas Perhubungan": what the numbers cover. */
function renderScope() {
  const campaign = campaigns.find((c) => c.id === campaignId());
  const agency = agencies.find((a) => String(a.id) === filters.agency);
  const region = regions.find((r) => String(r.id) === filters.region);
  const parts = [
    campaign ? campaign.title : t("All campaigns"),
    filters.category ? categoryNames.get(filters.category) ?? filters.category : null,
    agency ? nameOf(agency) : null,
    region ? regionName(region) : null,
  ];
  el.scope.textContent = parts.filter(Boolean).join(" · ");
  el.scope.hidden = false;
}

function renderUpdated() {
  if (!stats?.generated_at) {
    el.updated.hidden = true;
    return;
  }
  el.updated.hidden = false;
  el.updated.replaceChildren(
    h("time", { datetime: stats.generated_at }, t("Updated {time}", { time: formatTime(stats.generated_at) })),
  );
}

function ofTotal(part, total) {
  return t("{part} of {total}", { part: formatStat(part), total: formatStat(total) });
}

const TILES = [
  { key: "ideas", label: "Ideas", value: (s) => formatStat(s.ideas) },
  { key: "authors", label: "Authors", value: (s) => formatStat(s.authors) },
  { key: "votes", label: "Votes", value: (s) => formatStat(s.votes) },
  { key: "comments", label: "Comments", value: (s) => formatStat(s.comments) },
  { key: "per-100", label: "Ideas per 100 staff", value: (s) => formatStat(s.ideas_per_100, 2) },
  { key: "agencies", label: "Agencies taking part", value: (s) => ofTotal(s.agencies_taking_part, s.agencies), ratio: true },
  { key: "collaborations", label: "Collaborations", value: (s) => formatStat(s.collaborations) },
  { key: "implemented", label: "Implemented", value: (s) => formatStat(s.implemented) },
  { key: "reviews", label: "Reviews done", value: (s) => ofTotal(s.reviews_done, s.reviews_assigned), ratio: true },
];
const tileValues = new Map(); // key -> the value's element

function renderTiles(totals) {
  if (!tileValues.size) {
    el.tiles.replaceChildren(
      ...TILES.map((tile) => {
        const value = h("span", {
          class: tile.ratio ? "tile-value is-ratio" : "tile-value",
          dataset: { testid: "tile-value" },
        });
        tileValues.set(tile.key, value);
        return h(
          "li",
          { class: "dash-tile", dataset: { testid: `tile-${tile.key}` } },
          h("span", { class: "tile-label" }, t(tile.label)),
          value,
        );
      }),
    );
  }
  for (const tile of TILES) {
    const element = tileValues.get(tile.key);
    const text = tile.value(totals);
    if (element.textContent === text) continue;
    const changed = element.textContent !== "";
    element.textContent = text;
    if (changed) flash(element);
  }
}

function numberCell(value, { digits = 0, testid = null } = {}) {
  return h("td", { class: "col-num", dataset: testid ? { testid } : null }, formatStat(value, digits));
}

/** The cells the agency and region rankings share, after the rank and the name. */
function rankingCells(row, prefix) {
  return [
    numberCell(row.headcount, { testid: `${prefix}-headcount` }),
    numberCell(row.ideas, { testid: `${prefix}-ideas` }),
    numberCell(row.authors),
    numberCell(row.ideas_per_100, { digits: 2, testid: `${prefix}-per-100` }),
    numberCell(row.authors_per_100, { digits: 2 }),
    numberCell(row.collaborations),
    numberCell(row.shortlisted),
    numberCell(row.accepted),
    numberCell(row.implemented),
    numberCell(row.votes, { testid: `${prefix}-votes` }),
  ];
}

function renderAgencyTable(rows) {
  const shown = agenciesExpanded ? rows : rows.slice(0, AGENCY_ROWS);
  el.agencyBody.replaceChildren(
    ...shown.map((row) =>
      h(
        "tr",
        { dataset: { testid: "agency-row", agency: String(row.agency.id) } },
        numberCell(row.rank),
        h("th", { scope: "row" }, nameOf(row.agency)),
        ...rankingCells(row, "agency"),
      ),
    ),
  );
  el.agencyMore.hidden = rows.length <= AGENCY_ROWS;
  el.agencyMore.setAttribute("aria-expanded", agenciesExpanded ? "true" : "false");
  el.agencyMore.textContent = agenciesExpanded
    ? t("Show the first {n}", { n: AGENCY_ROWS })
    : t("Show all {n} agencies", { n: formatStat(rows.length) });
}

function renderRegionTable(rows) {
  el.regionBody.replaceChildren(
    ...rows.map((row) =>
      h(
        "tr",
        { dataset: { testid: "region-row", region: String(row.region.id) } },
        numberCell(row.rank),
        h("th", { scope: "row" }, regionName(row.region)),
        ...rankingCells(row, "region"),
      ),
    ),
  );
}

function renderReviewers(panels) {
  el.reviewersEmpty.hidden = panels.length > 0;
  el.reviewers.replaceChildren(
    ...panels.map((panel) => {
      const title = panel.campaign?.title ?? "";
      const headingId = `panel-${panel.campaign?.id}-heading`;
      return h(
        "div",
        { class: "dash-panel", dataset: { testid: "reviewer-panel", campaign: String(panel.campaign?.id) } },
        h("h3", { id: headingId }, title),
        h(
          "div",
          { class: "progress-cell" },
          h("progress", {
            class: "progress",
            max: String(Math.max(panel.assigned, 1)),
            value: String(panel.reviewed),
            "aria-labelledby": headingId,
          }),
          h(
            "span",
            { class: "progress-text", dataset: { testid: "panel-progress" } },
            panel.progress == null
              ? t("No ideas assigned yet")
              : t("{done} of {total} reviews done ({percent}%)", {
                  done: formatStat(panel.reviewed),
                  total: formatStat(panel.assigned),
                  percent: formatStat(panel.progress, 1),
                }),
          ),
        ),
        panel.reviewers.length
          ? h(
              "div",
              { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": headingId },
              h(
                "table",
                { class: "dash-table", "aria-labelledby": headingId },
                h(
                  "thead",
                  {},
                  h(
                    "tr",
                    {},
                    h("th", { scope: "col" }, t("Reviewer")),
                    h("th", { scope: "col" }, t("Agency")),
                    h("th", { scope: "col", class: "col-num" }, t("Assigned")),
                    h("th", { scope: "col", class: "col-num" }, t("Reviewed")),
                  ),
                ),
                h(
                  "tbody",
                  {},
                  panel.reviewers.map((r) =>
                    h(
                      "tr",
                      { dataset: { testid: "reviewer-row" } },
                      h("th", { scope: "row" }, r.full_name ?? t("Reviewer #{id}", { id: r.id })),
                      h("td", {}, r.agency ?? "—"),
                      numberCell(r.assigned),
                      numberCell(r.reviewed),
                    ),
                  ),
                ),
              ),
            )
          : null,
      );
    }),
  );
}

function render() {
  renderUpdated();
  if (!stats) return;
  el.main.setAttribute("aria-busy", "false");
  el.body.classList.remove("is-updating");
  if (!stats.totals?.ideas) {
    show("empty");
    return;
  }
  show("body");
  renderTiles(stats.totals);
  charts.update(stats, { measure, categoryLabel });
  renderAgencyTable(stats.agencies ?? []);
  renderRegionTable(stats.regions ?? []);
  renderReviewers(stats.reviewers ?? []);
}

// --- The numbers: /api/stats/, then /ws/dashboard/ ----------------------------------------------

function applyStats(body) {
  if (!body || !sameFilters(body.filters)) return;
  // Both carry the seq of their computation: whichever is older than what is shown is stale.
  if (stats && typeof body.seq === "number" && typeof stats.seq === "number" && body.seq <= stats.seq) return;
  stats = body;
  render();
}

async function loadStats() {
  const seq = ++loadSeq;
  try {
    const body = await api("/api/stats/", { query: statsQuery() });
    if (seq === loadSeq) applyStats(body);
  } catch (error) {
    if (seq !== loadSeq || error.redirecting) return;
    if (error instanceof ApiError && error.status === 403) {
      showNoAccess();
      return;
    }
    if (stats) return; // the socket got there first
    const message =
      error instanceof ApiError && error.status === 400
        ? t("These filters were not found.")
        : `${t("The dashboard could not be loaded.")} ${errorMessage(error)}`;
    showError(message);
  }
}

function startStatsLive() {
  if (statsSocket) {
    liveStatus.untrack(statsSocket);
    statsSocket.stop();
  }
  const query = new URLSearchParams(statsQuery()).toString();
  statsSocket = new OwnSocket(`/ws/dashboard/${query ? `?${query}` : ""}`, {
    handlers: { dashboard: (message) => applyStats(message) },
    onStopped(code) {
      if (code === CLOSE_FORBIDDEN) showNoAccess();
      else if (code === CLOSE_BAD_REQUEST && !stats) showError(t("These filters were not found."));
    },
  });
  liveStatus.track(statsSocket);
  statsSocket.start();
}

// --- The leaderboards: /api/leaderboard/, then /ws/live/ -----------------------------------------

function boardParts(by) {
  const root = el.boards.querySelector(`[data-by="${by}"]`);
  return {
    root,
    empty: root.querySelector('[data-role="empty"]'),
    table: root.querySelector('[data-role="table"]'),
    body: root.querySelector('[data-role="body"]'),
    scoreHead: root.querySelector('[data-role="score"]'),
  };
}

function renderBoard(board) {
  const { parts, by } = board;
  if (!board.body) return;
  const entries = (board.body.entries ?? []).slice(0, isWall() ? WALL_BOARD_LIMIT : BOARD_LIMIT);
  const empty = emptyReason(entries, by);
  parts.empty.hidden = !empty;
  parts.empty.textContent = empty;
  if (empty) {
    board.table.clear();
    parts.table.hidden = true;
    return;
  }
  const wasVisible = !parts.table.hidden;
  parts.table.hidden = false;
  board.table.render(entries, { animate: wasVisible });
}

function applyBoard(board, body, { live }) {
  if (!body || body.campaign !== board.campaign || body.by !== board.by) return;
  if (!live && board.fromSocket) return; // the HTTP answer only stands in until the first frame
  if (live) board.fromSocket = true;
  board.body = body;
  renderBoard(board);
}

async function loadBoard(board) {
  try {
    const body = await api("/api/leaderboard/", {
      query: { campaign: board.campaign, by: board.by, limit: BOARD_LIMIT },
    });
    if (boards.get(board.by) === board) applyBoard(board, body, { live: false });
  } catch (error) {
    if (error.redirecting || board.fromSocket || boards.get(board.by) !== board) return;
    board.parts.empty.hidden = false;
    board.parts.empty.textContent = `${t("The leaderboard could not be loaded.")} ${errorMessage(error)}`;
  }
}

function stopBoards() {
  for (const board of boards.values()) {
    liveStatus.untrack(board.socket);
    board.socket.stop();
    board.table.clear();
    board.parts.table.hidden = true;
    board.parts.empty.hidden = true;
  }
  boards.clear();
}

function startBoards() {
  stopBoards();
  const id = campaignId();
  el.boardsNone.hidden = id !== null;
  el.boards.hidden = id === null;
  el.boardLink.href = id === null ? "/leaderboard/" : `/leaderboard/?campaign=${id}`;
  if (id === null) return;
  for (const by of BOARDS) {
    const parts = boardParts(by);
    const board = {
      by,
      campaign: id,
      parts,
      body: null,
      fromSocket: false,
      table: new LeaderboardTable(parts.body, { by, scoreHead: parts.scoreHead, categoryLabel }),
    };
    board.socket = new LiveSocket(`/ws/leaderboard/?campaign=${id}&by=${by}&limit=${BOARD_LIMIT}`, {
      handlers: { leaderboard: (message) => applyBoard(board, message, { live: true }) },
    });
    boards.set(by, board);
    liveStatus.track(board.socket);
    board.socket.start();
    loadBoard(board);
  }
}

function renderBoardsScope() {
  el.boardsScope.hidden = !(filters.category || filters.agency || filters.region) || campaignId() === null;
}

function stopLive() {
  stopBoards();
  if (statsSocket) {
    liveStatus.untrack(statsSocket);
    statsSocket.stop();
    statsSocket = null;
  }
}

// --- Choosing ---------------------------------------------------------------------------------

function filtersChanged({ campaign }) {
  writeFiltersToUrl();
  renderScope();
  renderBoardsScope();
  stats = null;
  if (el.body.hidden) {
    show("loading");
  } else {
    // Keep the old numbers in view, dimmed, until the new ones are in.
    el.body.classList.add("is-updating");
    el.main.setAttribute("aria-busy", "true");
  }
  startStatsLive();
  loadStats();
  if (campaign) startBoards();
}

function onFilterChange(event) {
  const before = filters.campaign;
  readFilters();
  filtersChanged({ campaign: event.target === el.campaign && filters.campaign !== before });
}

function resetFilters() {
  const campaign = defaultCampaign();
  const campaignMoved = filters.campaign !== campaign;
  filters.campaign = campaign;
  filters.category = filters.agency = filters.region = "";
  for (const name of FILTERS) el[name].value = filters[name];
  filtersChanged({ campaign: campaignMoved });
}

// --- Wall mode --------------------------------------------------------------------------------

function renderFullscreenButton() {
  el.fullscreenLabel.textContent = isWall() ? t("Exit wall mode") : t("Wall mode");
  el.fullscreen.setAttribute("aria-pressed", isWall() ? "true" : "false");
}

async function toggleWall() {
  if (document.fullscreenElement) {
    await document.exitFullscreen().catch(() => {});
    return;
  }
  const next = new URLSearchParams(window.location.search);
  if (wallByUrl) {
    next.delete("display");
    window.location.assign(`${window.location.pathname}${next.size ? `?${next}` : ""}`);
    return;
  }
  const root = document.documentElement;
  if (!document.fullscreenEnabled || !root.requestFullscreen) {
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
  const wall = isWall();
  document.body.classList.toggle("is-dash-wall", wall);
  renderFullscreenButton();
  charts.setWall(wall);
  render();
  for (const board of boards.values()) renderBoard(board);
}

// --- Start ------------------------------------------------------------------------------------

async function loadReferences() {
  const optional = (promise) => promise.catch((error) => (error.redirecting ? Promise.reject(error) : []));
  const [campaignList, categoryList, agencyList, regionList] = await Promise.all([
    apiAll("/api/campaigns/", { maxPages: 5 }),
    optional(apiAll("/api/categories/")),
    optional(apiAll("/api/agencies/", { maxPages: 20 })),
    optional(apiAll("/api/regions/", { maxPages: 20 })),
  ]);
  campaigns = campaignList;
  categoryNames = new Map(categoryList.map((c) => [c.slug, c.name]));
  agencies = agencyList;
  regions = regionList;
}

async function start() {
  show("loading");
  try {
    me = me ?? (await renderLayout());
  } catch (error) {
    if (!error.redirecting) showError(`${t("The dashboard could not be loaded.")} ${errorMessage(error)}`);
    return;
  }
  if (!hasRole(me, ["leadership", "admin"])) {
    showNoAccess();
    return;
  }
  try {
    await loadReferences();
  } catch (error) {
    if (!error.redirecting) showError(`${t("The dashboard could not be loaded.")} ${errorMessage(error)}`);
    return;
  }
  if (!filters.campaign) filters.campaign = defaultCampaign();
  fillFilters();
  el.filters.hidden = false;
  el.fullscreen.hidden = false;
  filtersChanged({ campaign: true });
}

function init() {
  if (!chartsAvailable()) {
    // Without the chart library (js/vendor/ not built) the tables stand in for the charts.
    document.body.classList.add("no-charts");
    for (const details of document.querySelectorAll(".chart-table")) details.open = true;
  }
  applyDisplay();
  for (const name of FILTERS) el[name].addEventListener("change", onFilterChange);
  el.filters.addEventListener("submit", (event) => event.preventDefault());
  el.reset.addEventListener("click", resetFilters);
  el.retry.addEventListener("click", () => (campaigns.length ? filtersChanged({ campaign: true }) : start()));
  for (const radio of document.querySelectorAll('input[name="agency-measure"]')) {
    radio.addEventListener("change", () => {
      measure = radio.value;
      render();
    });
  }
  el.agencyMore.addEventListener("click", () => {
    agenciesExpanded = !agenciesExpanded;
    renderAgencyTable(stats?.agencies ?? []);
  });
  el.fullscreen.addEventListener("click", toggleWall);
  document.addEventListener("fullscreenchange", applyDisplay);
  start();
}

init();
