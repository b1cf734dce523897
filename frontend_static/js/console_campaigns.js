// The console's innovation challenges (campaigns): list them with their phase, create and edit
// one (dates of each phase, categories, blind review, the popular vote's weight, a rubric
// template), and set its review panel and assign reviewers automatically. The server keeps the
// rules: dates in order, rubric_in_use, conflicts of interest (refused assignments).

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { $, fillSelect, h } from "./dom.js";
import { formatShortDateTime } from "./format.js";
import { t, tn } from "./i18n.js";
import { nameOf, phaseLabel } from "./labels.js";

const DATES = [
  "submission_opens",
  "submission_closes",
  "voting_opens",
  "voting_closes",
  "review_opens",
  "review_closes",
];
const FIELDS = ["title", "description", ...DATES, "popular_vote_weight"];

const el = {
  list: $("campaign-list"),
  add: $("campaign-new"),
  form: $("campaign-form"),
  heading: $("campaign-form-heading"),
  categories: $("c-categories"),
  blind: $("c-blind_review"),
  weight: $("c-popular_vote_weight"),
  rubric: $("c-rubric"),
  result: $("campaign-result"),
  panel: $("panel-box"),
  members: $("panel-members"),
  search: $("panel-search"),
  find: $("panel-find"),
  results: $("panel-results"),
  perIdea: $("panel-per-idea"),
  assign: $("panel-assign"),
  panelResult: $("panel-result"),
  manualForm: $("manual-form"),
  manualIdea: $("manual-idea"),
  manualReviewer: $("manual-reviewer"),
  manualResult: $("manual-result"),
};
const input = (name) => $(`c-${name}`);

let campaigns = [];
let editing = null; // the campaign in the form, or null for a new one
let members = new Map(); // the panel being edited: id -> person

/** "2026-12-03T08:00:00+07:00" -> "2026-12-03T08:00", in the browser's own time zone. */
function toLocalInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function say(target, text, error = false) {
  target.textContent = text;
  target.classList.toggle("is-error", error);
}

function refusal(error) {
  return error instanceof ApiError && error.messages.length ? error.messages.join(" ") : errorMessage(error);
}

function campaignItem(campaign) {
  return h(
    "li",
    { class: "campaign-item", dataset: { testid: "console-campaign", campaign: String(campaign.id) } },
    h(
      "span",
      {},
      h("strong", {}, campaign.title),
      " ",
      h("span", { class: "chip" }, phaseLabel(campaign.phase)),
      h(
        "span",
        { class: "mine-meta" },
        ` ${t("Voting opens")}: ${formatShortDateTime(campaign.voting_opens)}`,
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        dataset: { testid: "console-campaign-edit" },
        onclick: () => openForm(campaign),
      },
      t("Edit"),
    ),
  );
}

async function loadCampaigns() {
  campaigns = await apiAll("/api/campaigns/", { maxPages: 5 });
  el.list.replaceChildren(...campaigns.map(campaignItem));
}

async function loadReference() {
  const [categories, rubrics] = await Promise.all([apiAll("/api/categories/"), api("/api/rubrics/")]);
  el.categories.replaceChildren(
    el.categories.querySelector("legend"),
    ...categories.map((category) =>
      h(
        "span",
        { class: "role-check" },
        h("input", { type: "checkbox", id: `c-cat-${category.slug}`, value: category.slug }),
        h("label", { for: `c-cat-${category.slug}` }, category.name),
      ),
    ),
  );
  fillSelect(
    el.rubric,
    rubrics.map((rubric) => ({ value: rubric.key, label: rubric.title })),
    { placeholder: t("Keep the current rubric") },
  );
}

function clearErrors() {
  for (const name of FIELDS) {
    const error = $(`error-c-${name}`);
    if (!error) continue;
    error.hidden = true;
    input(name).removeAttribute("aria-invalid");
  }
}

function showErrors(fieldErrors) {
  let first = null;
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const error = $(`error-c-${name}`);
    if (!error) continue;
    error.textContent = messages.join(" ");
    error.hidden = false;
    input(name).setAttribute("aria-invalid", "true");
    input(name).setAttribute("aria-describedby", `error-c-${name}`);
    first ??= input(name);
  }
  first?.focus();
}

function openForm(campaign) {
  editing = campaign;
  clearErrors();
  say(el.result, "");
  el.heading.textContent = campaign ? t("Edit “{title}”", { title: campaign.title }) : t("New innovation challenge");
  input("title").value = campaign?.title ?? "";
  input("description").value = campaign?.description ?? "";
  for (const name of DATES) input(name).value = toLocalInput(campaign?.[name]);
  el.weight.value = String(campaign?.popular_vote_weight ?? 0.3);
  el.blind.checked = Boolean(campaign?.blind_review);
  const chosen = new Set(campaign?.categories ?? []);
  for (const box of el.categories.querySelectorAll("input")) box.checked = chosen.has(box.value);
  el.rubric.value = "";
  el.form.hidden = false;
  el.panel.hidden = !campaign;
  if (campaign) loadPanel(campaign);
  input("title").focus();
}

function formBody() {
  const body = {
    title: input("title").value.trim(),
    description: input("description").value.trim(),
    blind_review: el.blind.checked,
    categories: [...el.categories.querySelectorAll("input:checked")].map((box) => box.value),
  };
  for (const name of DATES) {
    const value = input(name).value;
    if (value) body[name] = new Date(value).toISOString();
  }
  if (el.weight.value !== "") body.popular_vote_weight = Number(el.weight.value);
  return body;
}

async function saveCampaign(event) {
  event.preventDefault();
  clearErrors();
  const button = el.form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const body = formBody();
    const saved = editing
      ? await api(`/api/campaigns/${editing.id}/`, { method: "PATCH", body })
      : await api("/api/campaigns/", { method: "POST", body });
    let message = t("Saved.");
    if (el.rubric.value) {
      try {
        const criteria = await api(`/api/campaigns/${saved.id}/rubric/`, {
          method: "POST",
          body: { template: el.rubric.value },
        });
        message = tn("Saved, with a rubric of {n} criterion.", "Saved, with a rubric of {n} criteria.", {
          n: criteria.length,
        });
      } catch (error) {
        message = `${t("Saved, but the rubric was not changed:")} ${refusal(error)}`;
      }
    }
    await loadCampaigns();
    editing = campaigns.find((c) => c.id === saved.id) ?? saved;
    el.heading.textContent = t("Edit “{title}”", { title: editing.title });
    el.panel.hidden = false;
    loadPanel(editing);
    say(el.result, message);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) showErrors(error.fieldErrors);
    say(el.result, refusal(error), true);
  } finally {
    button.disabled = false;
  }
}

// --- The panel --------------------------------------------------------------------------------

/** The manual assignment's choices: the campaign's ideas, and its panel. */
async function fillManual(campaign) {
  fillSelect(
    el.manualReviewer,
    [...members.values()].map((person) => ({ value: String(person.id), label: person.full_name })),
    { placeholder: t("Choose…") },
  );
  try {
    const ideas = await apiAll("/api/ideas/", { query: { campaign: campaign.id }, maxPages: 5 });
    fillSelect(
      el.manualIdea,
      ideas.map((idea) => ({ value: String(idea.id), label: idea.title })),
      { placeholder: t("Choose…") },
    );
  } catch (error) {
    say(el.manualResult, refusal(error), true);
  }
}

async function assignOne(event) {
  event.preventDefault();
  const idea = Number.parseInt(el.manualIdea.value, 10);
  const reviewer = Number.parseInt(el.manualReviewer.value, 10);
  if (!idea || !reviewer) {
    say(el.manualResult, t("Choose an idea and a reviewer."), true);
    return;
  }
  try {
    await api("/api/reviews/assignments/", { method: "POST", body: { idea, reviewer } });
    say(el.manualResult, t("Assigned."));
  } catch (error) {
    // A conflict of interest is refused as the API refuses it, with its reason.
    say(el.manualResult, refusal(error), true);
  }
}

function drawMembers() {
  el.members.replaceChildren(
    ...[...members.values()].map((person) =>
      h(
        "li",
        { dataset: { testid: "console-panel-member" } },
        h("span", {}, person.full_name, person.agency ? ` (${nameOf(person.agency)})` : ""),
        h(
          "button",
          {
            type: "button",
            class: "button button-ghost button-small",
            "aria-label": t("Remove {name}", { name: person.full_name }),
            onclick: () => savePanel([...members.keys()].filter((id) => id !== person.id)),
          },
          "×",
        ),
      ),
    ),
  );
}

async function loadPanel(campaign) {
  say(el.panelResult, "");
  try {
    const panel = await api(`/api/campaigns/${campaign.id}/panel/`);
    members = new Map(panel.members.map((person) => [person.id, person]));
    drawMembers();
    fillManual(campaign);
  } catch (error) {
    say(el.panelResult, refusal(error), true);
  }
}

async function savePanel(ids) {
  try {
    const panel = await api(`/api/campaigns/${editing.id}/panel/`, { method: "PUT", body: { members: ids } });
    members = new Map(panel.members.map((person) => [person.id, person]));
    drawMembers();
    fillManual(editing);
    say(el.panelResult, tn("The panel has {n} member.", "The panel has {n} members.", { n: members.size }));
  } catch (error) {
    say(el.panelResult, refusal(error), true);
  }
}

async function findReviewers() {
  const search = el.search.value.trim();
  if (!search) return;
  try {
    const data = await api("/api/staff/", { query: { search } });
    el.results.replaceChildren(
      ...(data?.results ?? []).slice(0, 8).map((person) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "console-pick",
              disabled: members.has(person.id),
              dataset: { testid: "console-panel-add" },
              onclick: () => {
                el.results.replaceChildren();
                el.search.value = "";
                savePanel([...members.keys(), person.id]);
              },
            },
            h("span", {}, person.full_name, person.agency ? ` (${nameOf(person.agency)})` : ""),
            h("span", { class: "chip" }, t("Add")),
          ),
        ),
      ),
    );
  } catch (error) {
    say(el.panelResult, refusal(error), true);
  }
}

async function assignReviewers() {
  el.assign.disabled = true;
  try {
    const report = await api(`/api/campaigns/${editing.id}/panel/assign/`, {
      method: "POST",
      body: { per_idea: Number.parseInt(el.perIdea.value, 10) || 2 },
    });
    const short = Object.keys(report.short ?? {}).length;
    say(
      el.panelResult,
      [
        t("{created} assignments made, {removed} conflicted ones taken back.", report),
        short ? t("{n} ideas still lack reviewers (conflicts of interest or too few members).", { n: short }) : "",
      ].join(" "),
    );
  } catch (error) {
    say(el.panelResult, refusal(error), true);
  } finally {
    el.assign.disabled = false;
  }
}

export async function startCampaigns() {
  el.add.addEventListener("click", () => openForm(null));
  el.form.addEventListener("submit", saveCampaign);
  el.find.addEventListener("click", findReviewers);
  el.search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      findReviewers();
    }
  });
  el.assign.addEventListener("click", assignReviewers);
  el.manualForm.addEventListener("submit", assignOne);
  await Promise.all([loadCampaigns(), loadReference()]);
}
