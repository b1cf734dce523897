// Similar ideas while someone types a new idea (GET /api/ideas/similar/): after a pause in
// typing, the ideas most like the title and problem are listed under the problem, each a link
// to its page, announced politely (aria-live). A newer keystroke cancels the request in flight
// (AbortController), so a slow answer never replaces a newer one. With nothing alike the list
// is empty and nothing is said.

import { api } from "./api.js";
import { $, h, replaceChildren, statusBadge } from "./dom.js";
import { t, tn } from "./i18n.js";
import { statusLabel } from "./labels.js";

const PAUSE_MS = 350;
const TITLE_MIN = 3;
const PROBLEM_MIN = 3;

export function similarSuggestions({ exceptId = null } = {}) {
  const title = $("field-title");
  const problem = $("field-problem");
  const campaign = $("field-campaign");
  const box = $("similar-ideas");
  const list = $("similar-list");
  const heading = $("similar-heading");
  if (!title || !problem || !box || !list) return;
  let timer = null;
  let inFlight = null;
  let lastKey = "";

  function clear() {
    replaceChildren(list);
    heading.textContent = "";
    box.hidden = true;
  }

  async function ask() {
    const query = {};
    const titleText = title.value.trim();
    const problemText = problem.value.trim();
    if (titleText.length >= TITLE_MIN) query.title = titleText.slice(0, 200);
    if (problemText.length >= PROBLEM_MIN) query.problem = problemText.slice(0, 2000);
    if (!query.title && !query.problem) {
      if (inFlight) inFlight.abort();
      clear();
      return;
    }
    if (campaign && campaign.value) query.campaign = campaign.value;
    const key = JSON.stringify(query);
    if (key === lastKey) return;
    lastKey = key;
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    let rows;
    try {
      rows = await api("/api/ideas/similar/", { query, signal: controller.signal });
    } catch {
      if (!controller.signal.aborted) lastKey = ""; // try again on the next keystroke
      return;
    }
    if (controller.signal.aborted || inFlight !== controller) return;
    inFlight = null;
    rows = (rows || []).filter((row) => row.id !== exceptId);
    if (!rows.length) {
      clear();
      return;
    }
    heading.textContent = tn(
      "An idea like yours may already exist: support it or add to it?",
      "{n} ideas like yours may already exist: support one or add to it?",
      { n: rows.length },
    );
    replaceChildren(
      list,
      ...rows.map((row) =>
        h(
          "li",
          { class: "similar-item", dataset: { testid: "similar-item", id: String(row.id) } },
          h("a", { href: row.url || `/ideas/${row.id}/`, target: "_blank", rel: "noopener" }, row.title),
          " ",
          statusBadge(row.status, statusLabel(row.status)),
          " ",
          h("span", { class: "similar-votes" }, tn("{n} vote", "{n} votes", { n: row.vote_count })),
        ),
      ),
    );
    box.hidden = false;
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(ask, PAUSE_MS);
  }

  title.addEventListener("input", soon);
  problem.addEventListener("input", soon);
  if (campaign) campaign.addEventListener("change", soon);
  box.setAttribute("aria-label", t("Similar ideas"));
}
