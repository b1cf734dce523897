// The idea page's merges (GET /api/ideas/{id}/lineage/): a duplicate says where it was merged
// ("Digabung ke ..." with a link), an original lists the ideas merged into it. Admins get a
// control to merge this idea into another of its campaign, found among the ideas most like it
// (GET /api/ideas/similar/), then POST /api/ideas/{id}/merge/.

import { api, errorMessage } from "./api.js";
import { $, h, replaceChildren } from "./dom.js";
import { t } from "./i18n.js";
import { hasRole } from "./layout.js";

const MERGEABLE = new Set(["submitted", "in_review", "shortlisted"]);

function link(idea) {
  return h("a", { href: `/ideas/${idea.id}/` }, idea.title);
}

function renderLineage(box, lineage) {
  const parts = [];
  if (lineage.merged_into) {
    parts.push(
      h(
        "p",
        { class: "lineage-into", dataset: { testid: "lineage-into" } },
        t("Merged into"),
        " ",
        link(lineage.merged_into),
      ),
    );
  }
  if (lineage.merged_from.length) {
    parts.push(
      h("p", { class: "lineage-heading" }, t("Ideas merged into this one")),
      h(
        "ul",
        { class: "lineage-list", dataset: { testid: "lineage-from" } },
        ...lineage.merged_from.map((idea) => h("li", {}, link(idea))),
      ),
    );
  }
  replaceChildren(box, ...parts);
  box.hidden = parts.length === 0;
}

function mergeControl(box, idea) {
  const say = h("p", { class: "form-result", role: "status", "aria-live": "polite", dataset: { testid: "merge-message" } });
  const find = h("input", {
    id: "merge-find",
    type: "search",
    maxlength: "200",
    autocomplete: "off",
    value: idea.title,
    dataset: { testid: "merge-find" },
  });
  const note = h("textarea", { id: "merge-note", rows: "2", maxlength: "5000", dataset: { testid: "merge-note" } });
  const list = h("ul", { class: "console-list", dataset: { testid: "merge-candidates" } });

  async function search() {
    const text = find.value.trim();
    if (text.length < 3) return;
    const query = { title: text.slice(0, 200) };
    if (idea.campaign) query.campaign = idea.campaign;
    let rows;
    try {
      rows = await api("/api/ideas/similar/", { query });
    } catch (error) {
      say.textContent = errorMessage(error);
      return;
    }
    rows = rows.filter((row) => row.id !== idea.id && MERGEABLE.has(row.status));
    say.textContent = rows.length ? "" : t("No idea of this campaign is like it.");
    replaceChildren(
      list,
      ...rows.map((row) => {
        const button = h(
          "button",
          { type: "button", class: "button button-secondary", dataset: { testid: "merge-into" } },
          t("Merge into this"),
        );
        button.addEventListener("click", () => merge(row, button));
        return h("li", {}, link(row), " ", button);
      }),
    );
  }

  async function merge(target, button) {
    if (!window.confirm(t("Merge this idea into “{title}”? Its votes, comments and followers move there; this cannot be undone.", { title: target.title }))) {
      return;
    }
    button.disabled = true;
    try {
      await api(`/api/ideas/${idea.id}/merge/`, { method: "POST", body: { into: target.id, note: note.value } });
    } catch (error) {
      button.disabled = false;
      say.textContent = errorMessage(error);
      return;
    }
    window.location.reload();
  }

  const findButton = h("button", { type: "button", class: "button button-secondary", dataset: { testid: "merge-search" } }, t("Find"));
  findButton.addEventListener("click", search);
  find.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
  replaceChildren(
    box,
    h("h2", { id: "merge-heading" }, t("Merge a duplicate")),
    h("p", { class: "hint" }, t("Merge this idea into the original it repeats. Find the original:")),
    h("label", { for: "merge-find", class: "visually-hidden" }, t("Find the original")),
    h("div", { class: "co-author-find" }, find, findButton),
    h("label", { for: "merge-note" }, t("Note for the status trail (optional)")),
    note,
    list,
    say,
  );
  box.hidden = false;
}

/** The idea's lineage and, for admins, the merge action (idea.js calls it once it knows the
 * reader). */
export async function ideaLineage(idea, reader) {
  const box = $("idea-lineage");
  const mergeBox = $("idea-merge");
  let lineage;
  try {
    lineage = await api(`/api/ideas/${idea.id}/lineage/`);
  } catch {
    return; // the page itself says why the idea is not shown
  }
  if (box) renderLineage(box, lineage);
  if (mergeBox && MERGEABLE.has(idea.status) && hasRole(reader, ["admin"])) {
    mergeControl(mergeBox, idea);
  }
}
