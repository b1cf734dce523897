// The innovation office's console (admins): find an idea, move it along its allowed statuses
// with a note and answer it officially; find people and set their roles; import the staff
// directory from a CSV, checked first. Every action is an API call with the API's rules; the
// server says which statuses may follow (GET /api/ideas/{id}/status/).

import { api, ApiError, errorMessage } from "./api.js";
import { $, fillSelect, h, pageStates, replaceChildren, statusBadge } from "./dom.js";
import { t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { nameOf, statusLabel } from "./labels.js";
import { startCampaigns } from "./console_campaigns.js";
import { startModeration } from "./console_moderation.js";

const ROLES = [
  { value: "reviewer", label: "Reviewer" },
  { value: "leadership", label: "Leadership" },
  { value: "admin", label: "Innovation admin" },
];
const IDEAS_SHOWN = 10;

const el = {
  main: $("main"),
  loading: $("console-loading"),
  noAccess: $("console-no-access"),
  body: $("console-body"),
  ideaSearchForm: $("idea-search-form"),
  ideaSearch: $("idea-search"),
  ideaResultsStatus: $("idea-results-status"),
  ideaResults: $("idea-results"),
  ideaPanel: $("idea-panel"),
  ideaTitle: $("idea-panel-title"),
  ideaStatus: $("idea-panel-status"),
  ideaLink: $("idea-panel-link"),
  statusForm: $("status-form"),
  statusSelect: $("field-status"),
  statusNote: $("field-note"),
  statusResult: $("status-result"),
  officialForm: $("official-form"),
  officialBody: $("field-body"),
  officialResult: $("official-result"),
  peopleForm: $("people-search-form"),
  peopleSearch: $("people-search"),
  peopleRole: $("people-role"),
  peopleStatus: $("people-status"),
  peopleTable: $("people-table"),
  peopleBody: $("people-body"),
  peoplePager: $("people-pager"),
  peoplePrev: $("people-prev"),
  peopleNext: $("people-next"),
  peoplePage: $("people-page"),
  importForm: $("import-form"),
  importFile: $("field-file"),
  importDryRun: $("field-dry-run"),
  importResult: $("import-result"),
};

const show = pageStates(
  { loading: el.loading, "no-access": el.noAccess, body: el.body },
  { busy: el.main },
);
let me = null;
let idea = null; // the idea being worked on: {id, title, status}
let peoplePage = 1;

/** A result line: a success in words, or the server's refusal. */
function say(target, text, { error = false } = {}) {
  target.textContent = text;
  target.classList.toggle("is-error", error);
  target.setAttribute("role", error ? "alert" : "status");
}

function refusal(error) {
  if (error instanceof ApiError && error.messages.length) return error.messages.join(" ");
  return errorMessage(error);
}

async function busyWhile(button, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

// --- Ideas ------------------------------------------------------------------------------------

async function searchIdeas(event) {
  event.preventDefault();
  const search = el.ideaSearch.value.trim();
  say(el.ideaResultsStatus, t("Loading…"));
  el.ideaResults.replaceChildren();
  try {
    const data = await api("/api/ideas/", { query: { search, page_size: IDEAS_SHOWN } });
    const ideas = data?.results ?? [];
    say(
      el.ideaResultsStatus,
      ideas.length
        ? t("{shown} of {count} ideas shown.", { shown: ideas.length, count: data.count })
        : t("No idea matches."),
    );
    el.ideaResults.replaceChildren(
      ...ideas.map((item) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "console-pick",
              dataset: { testid: "console-idea-pick", idea: String(item.id) },
              onclick: () => chooseIdea(item),
            },
            h("span", { class: "console-pick-title" }, item.title),
            " ",
            statusBadge(item.status, statusLabel(item.status)),
          ),
        ),
      ),
    );
  } catch (error) {
    say(el.ideaResultsStatus, refusal(error), { error: true });
  }
}

async function chooseIdea(item) {
  idea = { id: item.id, title: item.title, status: item.status };
  el.ideaTitle.textContent = item.title;
  el.ideaLink.href = `/ideas/${item.id}/`;
  say(el.statusResult, "");
  say(el.officialResult, "");
  el.ideaPanel.hidden = false;
  await loadStatusOptions();
  el.ideaTitle.setAttribute("tabindex", "-1");
  el.ideaTitle.focus();
}

async function loadStatusOptions() {
  const options = await api(`/api/ideas/${idea.id}/status/`);
  idea.status = options.status;
  replaceChildren(el.ideaStatus, statusBadge(options.status, statusLabel(options.status)));
  fillSelect(
    el.statusSelect,
    options.allowed.map((status) => ({ value: status, label: statusLabel(status) })),
    { placeholder: options.allowed.length ? t("Choose…") : t("No further status") },
  );
  el.statusSelect.disabled = options.allowed.length === 0;
}

async function moveIdea(event) {
  event.preventDefault();
  if (!idea) return;
  const status = el.statusSelect.value;
  if (!status) {
    say(el.statusResult, t("Choose the new status first."), { error: true });
    el.statusSelect.focus();
    return;
  }
  await busyWhile(el.statusForm.querySelector("button[type=submit]"), async () => {
    try {
      await api(`/api/ideas/${idea.id}/status/`, {
        method: "POST",
        body: { status, note: el.statusNote.value.trim() },
      });
      el.statusNote.value = "";
      say(el.statusResult, t("Moved to “{status}”.", { status: statusLabel(status) }));
      await loadStatusOptions();
      const pick = el.ideaResults.querySelector(`[data-idea="${idea.id}"] [data-testid="status-badge"]`);
      pick?.replaceWith(statusBadge(status, statusLabel(status)));
    } catch (error) {
      say(el.statusResult, refusal(error), { error: true });
    }
  });
}

async function answerIdea(event) {
  event.preventDefault();
  if (!idea) return;
  const body = el.officialBody.value.trim();
  if (!body) {
    say(el.officialResult, t("Write the response first."), { error: true });
    el.officialBody.focus();
    return;
  }
  await busyWhile(el.officialForm.querySelector("button[type=submit]"), async () => {
    try {
      await api(`/api/ideas/${idea.id}/comments/`, {
        method: "POST",
        body: { body, kind: "official" },
      });
      el.officialBody.value = "";
      say(el.officialResult, t("The official response is published on the idea's page."));
    } catch (error) {
      say(el.officialResult, refusal(error), { error: true });
    }
  });
}

// --- People -----------------------------------------------------------------------------------

function personRow(person) {
  const held = new Set(person.roles);
  const result = h("p", { class: "form-result", role: "status", "aria-live": "polite" });
  const boxes = ROLES.map((role) => {
    const id = `role-${person.id}-${role.value}`;
    return h(
      "span",
      { class: "role-check" },
      h("input", {
        type: "checkbox",
        id,
        value: role.value,
        checked: held.has(role.value),
        dataset: { testid: `console-role-${role.value}` },
      }),
      h("label", { for: id }, t(role.label)),
    );
  });
  const save = h(
    "button",
    { type: "button", class: "button button-secondary", dataset: { testid: "console-role-save" } },
    t("Save roles"),
  );
  const fieldset = h(
    "fieldset",
    { class: "role-set" },
    h("legend", { class: "visually-hidden" }, t("Roles of {name}", { name: person.full_name })),
    boxes,
  );
  save.addEventListener("click", () =>
    busyWhile(save, async () => {
      const roles = [...fieldset.querySelectorAll("input:checked")].map((box) => box.value);
      try {
        const saved = await api(`/api/staff/${person.id}/roles/`, { method: "PUT", body: { roles } });
        say(result, t("Saved: {roles}.", { roles: saved.roles.map(roleLabel).join(", ") }));
      } catch (error) {
        say(result, refusal(error), { error: true });
      }
    }),
  );
  return h(
    "tr",
    { dataset: { testid: "console-person", person: String(person.id) } },
    h("th", { scope: "row" }, person.full_name || person.username),
    h("td", { class: "nip" }, person.nip ?? "—"),
    h("td", {}, nameOf(person.agency) || "—"),
    h("td", {}, fieldset, save, result),
  );
}

function roleLabel(role) {
  if (role === "staff") return t("Staff");
  return t(ROLES.find((r) => r.value === role)?.label ?? role);
}

async function loadPeople(page = 1) {
  say(el.peopleStatus, t("Loading…"));
  try {
    const data = await api("/api/staff/", {
      query: { search: el.peopleSearch.value.trim(), role: el.peopleRole.value, page },
    });
    peoplePage = page;
    const people = data?.results ?? [];
    el.peopleBody.replaceChildren(...people.map(personRow));
    el.peopleTable.hidden = people.length === 0;
    say(
      el.peopleStatus,
      people.length ? t("{count} people found.", { count: data.count }) : t("Nobody matches."),
    );
    el.peoplePager.hidden = !(data.next || data.previous);
    el.peoplePrev.disabled = !data.previous;
    el.peopleNext.disabled = !data.next;
    el.peoplePage.textContent = t("Page {page}", { page });
  } catch (error) {
    say(el.peopleStatus, refusal(error), { error: true });
  }
}

// --- Staff directory import -------------------------------------------------------------------

function importReport(report) {
  const counts = t("{rows} rows: {created} new, {updated} updated, {unchanged} unchanged.", report);
  const heading = report.dry_run
    ? t("The file is correct; nothing was written yet.")
    : t("The staff directory was imported.");
  return [h("p", { class: "import-ok" }, heading), h("p", {}, counts)];
}

function importErrors(errors) {
  return [
    h("p", { class: "is-error" }, t("Nothing was imported: {count} problems in the file.", { count: errors.length })),
    h(
      "ul",
      { class: "import-errors", dataset: { testid: "console-import-errors" } },
      errors.map((e) =>
        h("li", {}, t("Line {line}, {column}: {message}", e)),
      ),
    ),
  ];
}

async function importStaff(event) {
  event.preventDefault();
  const file = el.importFile.files[0];
  if (!file) {
    replaceChildren(el.importResult, h("p", { class: "is-error" }, t("Choose a CSV file first.")));
    el.importFile.focus();
    return;
  }
  const form = new FormData();
  form.append("file", file);
  form.append("dry_run", el.importDryRun.checked ? "true" : "false");
  await busyWhile(el.importForm.querySelector("button[type=submit]"), async () => {
    replaceChildren(el.importResult, h("p", {}, t("Checking the file…")));
    try {
      replaceChildren(el.importResult, importReport(await api("/api/staff/import/", { method: "POST", body: form })));
    } catch (error) {
      const errors = error instanceof ApiError ? error.data?.errors : null;
      replaceChildren(
        el.importResult,
        errors?.length ? importErrors(errors) : h("p", { class: "is-error" }, refusal(error)),
      );
    }
  });
}

async function start() {
  show("loading");
  me = await renderLayout();
  if (!hasRole(me, ["admin"])) {
    show("no-access");
    return;
  }
  el.ideaSearchForm.addEventListener("submit", searchIdeas);
  el.statusForm.addEventListener("submit", moveIdea);
  el.officialForm.addEventListener("submit", answerIdea);
  el.peopleForm.addEventListener("submit", (event) => {
    event.preventDefault();
    loadPeople(1);
  });
  el.peoplePrev.addEventListener("click", () => loadPeople(peoplePage - 1));
  el.peopleNext.addEventListener("click", () => loadPeople(peoplePage + 1));
  el.importForm.addEventListener("submit", importStaff);
  show("body");
  startCampaigns().catch((error) => {
    if (!error.redirecting) console.error(error);
  });
  startModeration().catch((error) => {
    if (!error.redirecting) console.error(error);
  });
}

start();
