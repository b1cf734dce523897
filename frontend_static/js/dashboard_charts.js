// The dashboard's four charts (status funnel, ideas per category, agencies, activity per day),
// drawn with Chart.js (js/vendor/chart.umd.js, the global `Chart`), each with a summary in its
// canvas's aria-label and the same numbers in a table under it ("View as a table").

import { $, h } from "./dom.js";
import { formatDay, formatStat } from "./format.js";
import { getLocale, t } from "./i18n.js";
import { categoryName, nameOf, statusLabel } from "./labels.js";

const FUNNEL = ["submitted", "in_review", "shortlisted", "accepted", "piloting", "implemented", "rejected"];
export const AGENCIES_SHOWN = 10;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

// Colours that keep 3:1 against their background (white cards, or the wall's deep blue).
const THEMES = {
  page: {
    text: "#46536a",
    grid: "rgba(70, 83, 106, 0.16)",
    blue: "#0b4ea2",
    orange: "#c2410c",
    green: "#166534",
    grey: "#8593a8",
    size: 12,
  },
  wall: {
    text: "#dbe8fb",
    grid: "rgba(219, 232, 251, 0.18)",
    blue: "#7fb0ff",
    orange: "#ffb370",
    green: "#86efac",
    grey: "#aab6c8",
    size: 15,
  },
};

/** Is Chart.js loaded? Without it the page shows the tables only. */
export function chartsAvailable() {
  return typeof window.Chart === "function";
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function cell(value, { header = false, numeric = false, testid = null } = {}) {
  return h(
    header ? "th" : "td",
    { scope: header ? "row" : null, class: numeric ? "col-num" : null, dataset: testid ? { testid } : null },
    value,
  );
}

/** The agencies the chart shows for `measure` ("per_100" or "ideas"): the first ten of the
 * ranking by that measure, those with something to show. */
export function agenciesShown(agencies, measure) {
  if (measure === "per_100") {
    return agencies
      .filter((a) => a.ideas_per_100 != null && a.ideas_per_100 > 0)
      .sort((a, b) => a.rank - b.rank)
      .slice(0, AGENCIES_SHOWN);
  }
  return agencies
    .filter((a) => a.ideas > 0)
    .sort((a, b) => a.rank_by_ideas - b.rank_by_ideas || nameOf(a.agency).localeCompare(nameOf(b.agency)))
    .slice(0, AGENCIES_SHOWN);
}

export class DashboardCharts {
  constructor() {
    this.charts = {};
    this.wall = false;
    this.canvases = {
      funnel: $("chart-funnel"),
      categories: $("chart-categories"),
      agencies: $("chart-agencies"),
      timeline: $("chart-timeline"),
    };
  }

  /** Draw again from scratch (the wall's colours and sizes differ from the page's). */
  setWall(wall) {
    if (wall === this.wall) return;
    this.wall = wall;
    this.destroy();
  }

  destroy() {
    for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = {};
  }

  theme() {
    return THEMES[this.wall ? "wall" : "page"];
  }

  /** Create the chart `name`, or give the existing one its new data and options. */
  draw(name, config) {
    if (!chartsAvailable()) return;
    const existing = this.charts[name];
    if (existing && existing.config.type === config.type) {
      existing.data = config.data;
      existing.options = config.options;
      existing.update();
      return;
    }
    if (existing) existing.destroy();
    this.charts[name] = new window.Chart(this.canvases[name], config);
  }

  /** How many characters of a bar's name fit beside it: fewer on a phone, where Chart.js
   * would otherwise cut the names off at the canvas's edge. */
  labelLength(name, wide) {
    const width = this.canvases[name].parentElement?.clientWidth ?? 0;
    return width && width < 480 ? Math.round(wide * 0.6) : wide;
  }

  baseOptions({ horizontal = false, legend = true, fullLabels = null } = {}) {
    const theme = this.theme();
    const font = { family: getComputedStyle(document.body).fontFamily, size: theme.size };
    const valueAxis = {
      beginAtZero: true,
      ticks: { color: theme.text, font, precision: 0 },
      grid: { color: theme.grid },
      border: { display: false },
    };
    const labelAxis = {
      ticks: { color: theme.text, font, autoSkip: !horizontal },
      grid: { display: false },
    };
    return {
      responsive: true,
      maintainAspectRatio: false,
      locale: getLocale(),
      animation: reducedMotion.matches ? false : { duration: 400 },
      indexAxis: horizontal ? "y" : "x",
      // A few categories must not make bars as thick as the chart is tall.
      datasets: { bar: { maxBarThickness: this.wall ? 44 : 28 } },
      plugins: {
        legend: { display: legend, labels: { color: theme.text, font, boxWidth: 14 } },
        tooltip: {
          callbacks: fullLabels ? { title: (items) => fullLabels[items[0]?.dataIndex] ?? "" } : {},
        },
      },
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    };
  }

  update(stats, { measure = "per_100", categoryLabel = categoryName } = {}) {
    this.funnel(stats.funnel ?? []);
    this.categories(stats.categories ?? [], categoryLabel);
    this.agencies(stats.agencies ?? [], measure);
    this.timeline(stats.timeline ?? []);
  }

  funnel(funnel) {
    const theme = this.theme();
    const rows = FUNNEL.map((status) => funnel.find((f) => f.status === status) ?? { status, count: 0, reached: 0 });
    const labels = rows.map((r) => statusLabel(r.status));
    this.draw("funnel", {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: t("Reached"), data: rows.map((r) => r.reached), backgroundColor: theme.blue, borderRadius: 3 },
          { label: t("Now"), data: rows.map((r) => r.count), backgroundColor: theme.orange, borderRadius: 3 },
        ],
      },
      options: this.baseOptions({ horizontal: true }),
    });
    this.canvases.funnel.setAttribute(
      "aria-label",
      t("Status funnel: {stages}.", {
        stages: rows.map((r) => `${statusLabel(r.status)} ${formatStat(r.reached)}`).join(", "),
      }),
    );
    $("funnel-body").replaceChildren(
      ...rows.map((r) =>
        h(
          "tr",
          { dataset: { testid: "funnel-row", status: r.status } },
          cell(statusLabel(r.status), { header: true }),
          cell(formatStat(r.reached), { numeric: true, testid: "funnel-reached" }),
          cell(formatStat(r.count), { numeric: true, testid: "funnel-now" }),
        ),
      ),
    );
  }

  categories(categories, categoryLabel) {
    const theme = this.theme();
    const names = categories.map((c) => categoryLabel(c));
    this.draw("categories", {
      type: "bar",
      data: {
        labels: names.map((n) => shorten(n, this.labelLength("categories", 24))),
        datasets: [{ label: t("Ideas"), data: categories.map((c) => c.ideas), backgroundColor: theme.blue, borderRadius: 3 }],
      },
      options: this.baseOptions({ horizontal: true, legend: false, fullLabels: names }),
    });
    this.canvases.categories.setAttribute(
      "aria-label",
      t("Ideas per category: {list}.", {
        list: categories.map((c, i) => `${names[i]} ${formatStat(c.ideas)}`).join(", ") || "—",
      }),
    );
    $("categories-body").replaceChildren(
      ...categories.map((c, i) =>
        h(
          "tr",
          { dataset: { testid: "category-row", slug: c.slug } },
          cell(formatStat(c.rank), { numeric: true }),
          cell(names[i], { header: true }),
          cell(formatStat(c.ideas), { numeric: true, testid: "category-ideas" }),
          cell(formatStat(c.votes), { numeric: true, testid: "category-votes" }),
          cell(formatStat(c.comments), { numeric: true }),
          cell(formatStat(c.shortlisted), { numeric: true }),
          cell(formatStat(c.implemented), { numeric: true }),
        ),
      ),
    );
  }

  agencies(agencies, measure) {
    const theme = this.theme();
    const shown = agenciesShown(agencies, measure);
    const names = shown.map((a) => nameOf(a.agency));
    const perHundred = measure === "per_100";
    const values = shown.map((a) => (perHundred ? a.ideas_per_100 : a.ideas));
    const label = perHundred ? t("Ideas per 100 staff") : t("Ideas");
    const options = this.baseOptions({ horizontal: true, legend: false, fullLabels: names });
    if (perHundred) options.scales.x.ticks.precision = undefined;
    this.draw("agencies", {
      type: "bar",
      data: {
        labels: names.map((n) => shorten(n, this.labelLength("agencies", 26))),
        datasets: [
          { label, data: values, backgroundColor: perHundred ? theme.green : theme.blue, borderRadius: 3 },
        ],
      },
      options,
    });
    const summary = shown.map((a, i) => `${names[i]} ${formatStat(values[i], 2)}`).join(", ") || "—";
    this.canvases.agencies.setAttribute(
      "aria-label",
      perHundred
        ? t("The agencies with the most ideas per 100 staff: {list}.", { list: summary })
        : t("The agencies with the most ideas: {list}.", { list: summary }),
    );
    $("agencies-note").textContent = perHundred
      ? t("Ideas per 100 staff: a small office counts as much as a large one.")
      : t("The number of ideas, whatever the agency's size.");
    $("agencies-chart-caption").textContent = perHundred
      ? t("The agencies with the most ideas per 100 staff")
      : t("The agencies with the most ideas");
    $("agencies-chart-body").replaceChildren(
      ...shown.map((a, i) =>
        h(
          "tr",
          { dataset: { testid: "agency-chart-row", agency: String(a.agency.id) } },
          cell(formatStat(perHundred ? a.rank : a.rank_by_ideas), { numeric: true }),
          cell(names[i], { header: true }),
          cell(formatStat(a.ideas_per_100, 2), { numeric: true, testid: "agency-chart-per-100" }),
          cell(formatStat(a.ideas), { numeric: true, testid: "agency-chart-ideas" }),
        ),
      ),
    );
  }

  timeline(days) {
    const theme = this.theme();
    const counted = days.some((d) => d.votes !== null);
    const dense = days.length > 31;
    const series = (key, label, color) => ({
      label,
      data: days.map((d) => d[key]),
      borderColor: color,
      backgroundColor: color,
      borderWidth: this.wall ? 3 : 2,
      pointRadius: dense ? 0 : 2,
      pointHitRadius: 6,
      // Monotone: the line never dips below a day's count (no negative votes between days).
      cubicInterpolationMode: "monotone",
    });
    const datasets = [series("ideas", t("Ideas"), theme.orange)];
    if (counted) datasets.push(series("votes", t("Votes"), theme.blue), series("comments", t("Comments"), theme.green));
    const options = this.baseOptions({ fullLabels: days.map((d) => formatDay(d.date)) });
    options.interaction = { mode: "index", intersect: false };
    options.scales.x.ticks.maxTicksLimit = this.wall ? 10 : 8;
    options.scales.x.ticks.maxRotation = 0;
    options.scales.x.ticks.autoSkip = true;
    this.draw("timeline", {
      type: "line",
      data: { labels: days.map((d) => formatDay(d.date, { short: true })), datasets },
      options,
    });
    const sum = (key) => days.reduce((total, d) => total + (d[key] ?? 0), 0);
    const from = days.length ? formatDay(days[0].date) : "";
    const to = days.length ? formatDay(days[days.length - 1].date) : "";
    this.canvases.timeline.setAttribute(
      "aria-label",
      days.length === 0
        ? t("Activity per day: nothing yet.")
        : counted
          ? t("Activity per day from {from} to {to}: {ideas} ideas, {votes} votes and {comments} comments in all.", {
              from,
              to,
              ideas: formatStat(sum("ideas")),
              votes: formatStat(sum("votes")),
              comments: formatStat(sum("comments")),
            })
          : t("Ideas per day from {from} to {to}: {ideas} in all.", { from, to, ideas: formatStat(sum("ideas")) }),
    );
    $("timeline-note").textContent = counted
      ? t("Ideas put forward, votes cast and comments written each day.")
      : t("Ideas put forward each day (votes and comments are not counted per region).");
    // Newest first: the day a reader asks about is most often today.
    $("timeline-body").replaceChildren(
      ...[...days].reverse().map((d) =>
        h(
          "tr",
          { dataset: { testid: "timeline-row", date: d.date } },
          cell(formatDay(d.date), { header: true }),
          cell(formatStat(d.ideas), { numeric: true, testid: "timeline-ideas" }),
          cell(formatStat(d.votes), { numeric: true, testid: "timeline-votes" }),
          cell(formatStat(d.comments), { numeric: true, testid: "timeline-comments" }),
        ),
      ),
    );
  }
}
