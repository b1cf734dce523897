// The co-author picker of the idea form: find colleagues by name (GET /api/users/?search=), add
// them, take them off again. The server checks the rest (at most so many, not oneself).

import { api, errorMessage } from "./api.js";
import { $, h } from "./dom.js";
import { t } from "./i18n.js";
import { nameOf } from "./labels.js";

const SHOWN = 8;

export class CoAuthorPicker {
  constructor({ excludeId = null } = {}) {
    this.search = $("co-author-search");
    this.find = $("co-author-find");
    this.status = $("co-author-status");
    this.results = $("co-author-results");
    this.chosenList = $("co-author-chosen");
    this.chosen = new Map(); // id -> person
    this.excludeId = excludeId;
    this.find.addEventListener("click", () => this.lookUp());
    this.search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // not the form's submit
        this.lookUp();
      }
    });
  }

  /** The control the form's error marking attaches to. */
  get control() {
    return this.search;
  }

  ids() {
    return [...this.chosen.keys()];
  }

  set(people) {
    this.chosen = new Map(people.map((person) => [person.id, person]));
    this.draw();
  }

  async lookUp() {
    const query = this.search.value.trim();
    if (query.length < 2) {
      this.status.textContent = t("Type at least two letters of a name.");
      return;
    }
    this.status.textContent = t("Searching…");
    try {
      const data = await api("/api/users/", { query: { search: query, page_size: SHOWN } });
      const people = (data?.results ?? []).filter((p) => p.id !== this.excludeId);
      this.status.textContent = people.length
        ? t("{n} found: choose to add.", { n: people.length })
        : t("Nobody of that name.");
      this.results.replaceChildren(...people.map((person) => this.result(person)));
    } catch (error) {
      if (!error.redirecting) this.status.textContent = errorMessage(error);
    }
  }

  result(person) {
    const agency = nameOf(person.agency);
    const added = this.chosen.has(person.id);
    return h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "console-pick",
          disabled: added,
          dataset: { testid: "co-author-add" },
          onclick: () => {
            this.chosen.set(person.id, person);
            this.draw();
            this.results.replaceChildren();
            this.status.textContent = t("{name} added as a co-author.", { name: person.full_name });
            this.search.value = "";
            this.search.focus();
          },
        },
        h("span", {}, person.full_name, agency ? ` (${agency})` : ""),
        h("span", { class: "chip" }, added ? t("Added") : t("Add")),
      ),
    );
  }

  draw() {
    this.chosenList.replaceChildren(
      ...[...this.chosen.values()].map((person) =>
        h(
          "li",
          { dataset: { testid: "co-author-chip" } },
          h("span", {}, person.full_name),
          h(
            "button",
            {
              type: "button",
              class: "button button-ghost button-small",
              "aria-label": t("Remove {name}", { name: person.full_name }),
              onclick: () => {
                this.chosen.delete(person.id);
                this.draw();
                this.search.focus();
              },
            },
            "×",
          ),
        ),
      ),
    );
  }
}
