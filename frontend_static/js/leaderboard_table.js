// The rows of a live ranking (the leaderboard page, the dashboard): one <tr> per idea, kept
// across updates, numbers that flash when they change, and rows that glide to their new places
// (FLIP) unless the person prefers reduced motion.

import { h } from "./dom.js";
import { formatNumber } from "./format.js";
import { t } from "./i18n.js";
import { categoryName, nameOf } from "./labels.js";

const MOVE_MS = 600;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/** Why a ranking shows no table: no ideas, or nothing but zeros to rank them by; "" else. */
export function emptyReason(entries, by) {
  if (!entries.length) return t("No ideas are ranked in this campaign yet.");
  if (by === "votes" && entries.every((e) => !e.vote_count)) {
    return t("No support yet in this innovation challenge: the ranking starts with the first vote.");
  }
  if (by !== "votes" && entries.every((e) => e.panel_score == null)) {
    return t("No panel scores yet: the ranking by panel score starts with the first review.");
  }
  return "";
}

/** Restart the short "changed" animation on `element`. */
export function flash(element) {
  if (reducedMotion.matches) return;
  element.classList.remove("bump");
  void element.offsetWidth; // restart the animation
  element.classList.add("bump");
}

export class LeaderboardTable {
  /**
   * body: the <tbody>; by: "votes", "panel" or "combined" (which number the score column
   * shows); scoreHead: the score column's <th>, hidden with it; categoryLabel(category): the
   * category's name in the interface language.
   */
  constructor(body, { by = "votes", scoreHead = null, categoryLabel = categoryName } = {}) {
    this.body = body;
    this.by = by;
    this.scoreHead = scoreHead;
    this.categoryLabel = categoryLabel;
    this.rows = new Map(); // idea id -> cells
  }

  setBy(by) {
    this.by = by;
  }

  clear() {
    for (const { row } of this.rows.values()) row.remove();
    this.rows.clear();
  }

  createRow(ideaId) {
    const rank = h("td", { class: "col-rank", dataset: { testid: "leaderboard-rank" } });
    const link = h("a", { href: `/ideas/${ideaId}/`, dataset: { testid: "leaderboard-title" } });
    const sub = h("span", { class: "row-sub" });
    const agency = h("td", { class: "col-agency", dataset: { testid: "leaderboard-agency" } });
    const category = h("td", { class: "col-category", dataset: { testid: "leaderboard-category" } });
    const votes = h("span", { class: "vote-total" });
    const score = h("td", {
      class: "col-score",
      dataset: { testid: "leaderboard-score" },
      hidden: this.by === "votes",
    });
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

  fillRow(cells, entry) {
    const by = this.by;
    const agencyName = nameOf(entry.idea.agency);
    const category = this.categoryLabel(entry.idea.category);
    cells.row.dataset.rank = String(entry.rank);
    cells.rank.textContent = String(entry.rank);
    cells.link.textContent = entry.idea.title;
    cells.sub.textContent = [agencyName, category].filter(Boolean).join(" · ");
    cells.agency.textContent = agencyName;
    cells.category.textContent = category;
    const shown = by === "panel" ? entry.panel_score : entry.combined_score;
    cells.score.hidden = by === "votes";
    const score = by === "votes" || shown == null ? "—" : formatNumber(shown);
    if (cells.score.textContent !== score) {
      const changed = cells.score.textContent !== "";
      cells.score.textContent = score;
      if (changed && by !== "votes") flash(cells.score);
    }
    const count = formatNumber(entry.vote_count ?? 0, 0);
    if (cells.votes.textContent !== count) {
      const changed = cells.votes.textContent !== "";
      cells.votes.textContent = count;
      if (changed) flash(cells.votes);
    }
  }

  /** Show `entries` in order; with `animate`, rows that changed place move from where they
   * were (the table must be visible, so that their places can be measured). */
  render(entries, { animate = true } = {}) {
    if (this.scoreHead) this.scoreHead.hidden = this.by === "votes";
    const moving = animate && !reducedMotion.matches;
    const before = new Map();
    if (moving) {
      for (const [id, cells] of this.rows) before.set(id, cells.row.getBoundingClientRect().top);
    }

    const wanted = new Set(entries.map((e) => e.idea.id));
    for (const [id, cells] of this.rows) {
      if (!wanted.has(id)) {
        cells.row.remove();
        this.rows.delete(id);
      }
    }
    entries.forEach((entry, index) => {
      let cells = this.rows.get(entry.idea.id);
      if (!cells) {
        cells = this.createRow(entry.idea.id);
        this.rows.set(entry.idea.id, cells);
      }
      this.fillRow(cells, entry);
      // Move only what is out of place, so that a focused link keeps its focus where it can.
      if (this.body.children[index] !== cells.row) {
        this.body.insertBefore(cells.row, this.body.children[index] ?? null);
      }
    });

    if (!moving) return;
    for (const [id, cells] of this.rows) {
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
}
