// The idea form: a new idea (or draft) at /ideas/new/, or an existing one's edit at
// /ideas/<id>/edit/ (PATCH; a draft can be submitted from here too). The server validates; its
// field errors are shown beside each field and gathered in a summary that takes focus.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { $, fillSelect, h } from "./dom.js";
import {
  fieldErrorClear,
  fieldErrorShow,
  fieldLabel,
  keepOverLanguageSwitch,
  summaryClear,
  summaryShow,
  takeKept,
} from "./forms.js";
import { t } from "./i18n.js";
import { phaseLabel, regionName } from "./labels.js";
import { renderLayout } from "./layout.js";
import { CoAuthorPicker } from "./co_authors.js";
import { similarSuggestions } from "./similar.js";

const FIELDS = [
  "title",
  "problem",
  "solution",
  "expected_impact",
  "category",
  "campaign",
  "region",
  "draft",
];
const OPEN_PHASES = new Set(["submission", "voting"]);
const REGION_KINDS_TOP = new Set(["kota", "kabupaten"]);
const editing = window.location.pathname.match(/^\/ideas\/(\d+)\/edit\/?$/);
const editId = editing ? Number.parseInt(editing[1], 10) : null;
const UNSENT_KEY = editId ? `gagasan:unsent-idea:${editId}` : "gagasan:unsent-idea";

const form = $("idea-form");
const submit = $("idea-submit");
const summary = $("form-errors");
const summaryList = $("form-errors-list");
const input = Object.fromEntries(FIELDS.map((name) => [name, $(`field-${name}`)]));

let reference = { categories: [], campaigns: [], regions: [] };
let original = null; // the idea being edited, as the server gave it
let coAuthors = null; // CoAuthorPicker

function categoryOptions() {
  const campaign = reference.campaigns.find((c) => String(c.id) === input.campaign.value);
  const allowed = campaign?.categories?.length ? new Set(campaign.categories) : null;
  return reference.categories
    .filter((c) => !allowed || allowed.has(c.slug))
    .map((c) => ({ value: c.slug, label: c.name }));
}

function regionOptions() {
  const tops = reference.regions.filter((r) => REGION_KINDS_TOP.has(r.kind));
  const districts = reference.regions.filter((r) => r.kind === "kecamatan");
  const topIds = new Set(tops.map((r) => r.id));
  const groups = tops.map((top) => ({
    group: top.name,
    options: [
      { value: String(top.id), label: regionName(top) },
      ...districts
        .filter((d) => d.parent === top.id || d.parent?.id === top.id)
        .map((d) => ({ value: String(d.id), label: regionName(d) })),
    ],
  }));
  const orphans = districts.filter((d) => !topIds.has(d.parent?.id ?? d.parent));
  if (orphans.length) {
    groups.push({
      group: t("District"),
      options: orphans.map((d) => ({
        value: String(d.id),
        label: regionName(d),
      })),
    });
  }
  return groups;
}

function renderOptions() {
  fillSelect(
    input.campaign,
    reference.campaigns.map((c) => ({
      value: String(c.id),
      label: `${c.title} (${phaseLabel(c.phase)})`,
    })),
    { placeholder: t("No campaign") },
  );
  fillSelect(input.category, categoryOptions(), { placeholder: t("Choose a category") });
  fillSelect(input.region, regionOptions(), { placeholder: t("All of Jakarta / not specific") });
}

async function loadReference() {
  // Categories are needed; campaigns and regions are optional, so their failure is tolerated.
  const optional = (promise) =>
    promise.catch((error) => {
      if (error.redirecting) throw error;
      return [];
    });
  const [categories, campaigns, regions] = await Promise.all([
    apiAll("/api/categories/"),
    optional(apiAll("/api/campaigns/", { maxPages: 3 })),
    optional(apiAll("/api/regions/", { maxPages: 5 })),
  ]);
  reference = {
    categories,
    campaigns: editId ? campaigns : campaigns.filter((c) => OPEN_PHASES.has(c.phase)),
    regions: regions.filter((r) => REGION_KINDS_TOP.has(r.kind) || r.kind === "kecamatan"),
  };
  renderOptions();
  if (editId) await loadOriginal();
  else chooseOpenCampaign();
  restoreUnsent();
}

/** A new idea goes to the challenge taking submissions now, unless the author picks another. */
function chooseOpenCampaign() {
  const open = reference.campaigns.find((c) => c.submission_open);
  if (!open) return;
  input.campaign.value = String(open.id);
  fillSelect(input.category, categoryOptions(), { placeholder: t("Choose a category") });
}

/** The idea to edit, in the form; its challenge cannot change (API.md: PATCH keeps it). */
async function loadOriginal() {
  original = await api(`/api/ideas/${editId}/`);
  document.title = `${t("Edit the idea")} · Gagasan`;
  $("form-heading").textContent = t("Edit the idea");
  input.title.value = original.title;
  input.problem.value = original.problem;
  input.solution.value = original.solution;
  input.expected_impact.value = original.expected_impact ?? "";
  input.campaign.value = original.campaign ? String(original.campaign) : "";
  input.campaign.disabled = true;
  fillSelect(input.category, categoryOptions(), { placeholder: t("Choose a category") });
  input.category.value = original.category?.slug ?? "";
  input.region.value = original.region ? String(original.region.id) : "";
  input.draft.checked = original.status === "draft";
  // A submitted idea cannot become a draft again.
  $("wrap-draft").hidden = original.status !== "draft";
  // The list sent back is the wanted one: accepted co-authors and those invited (left out =
  // removed, or the invitation withdrawn).
  coAuthors.set([...(original.co_authors ?? []), ...(original.invitations ?? []).map((i) => i.invitee)]);
  submit.textContent = submitLabel();
  if (!original.can_edit) {
    showErrors({}, [t("This idea can no longer be edited.")]);
    submit.disabled = true;
  }
}

function submitLabel() {
  return editId ? t("Save changes") : t("Submit idea");
}

/** The form's values as typed: field name -> text (or checked, for the draft box). */
function typed() {
  return Object.fromEntries(
    FIELDS.map((name) => [name, input[name].type === "checkbox" ? input[name].checked : input[name].value]),
  );
}

function restoreUnsent() {
  const kept = takeKept(UNSENT_KEY);
  if (!kept) return;
  for (const name of ["campaign", ...FIELDS.filter((n) => n !== "campaign")]) {
    if (!(name in kept)) continue;
    if (input[name].type === "checkbox") input[name].checked = Boolean(kept[name]);
    else input[name].value = kept[name];
    // The campaign decides which categories are offered.
    if (name === "campaign") fillSelect(input.category, categoryOptions(), { placeholder: t("Choose a category") });
  }
}

function clearErrors() {
  summaryClear(summary, summaryList);
  for (const name of FIELDS) fieldErrorClear(name, input[name]);
  fieldErrorClear("co_authors", coAuthors.control);
}

/** Show `fieldErrors` beside their fields and `general` messages; list all in the summary. */
function showErrors(fieldErrors, general = []) {
  const items = general.map((message) => h("li", {}, message));
  for (const name of FIELDS) {
    const messages = fieldErrors[name];
    if (!messages?.length) continue;
    items.push(fieldErrorShow(name, input[name], messages.join(" "), fieldLabel(form, name)));
  }
  if (fieldErrors.co_authors?.length) {
    items.push(fieldErrorShow("co_authors", coAuthors.control, fieldErrors.co_authors.join(" "), t("Co-authors")));
  }
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (!FIELDS.includes(name) && name !== "co_authors") items.push(h("li", {}, messages.join(" ")));
  }
  summaryShow(summary, summaryList, items);
}

function payload() {
  const body = {
    title: input.title.value.trim(),
    problem: input.problem.value.trim(),
    solution: input.solution.value.trim(),
    draft: input.draft.checked,
  };
  // Left out when not chosen, so the server answers "required" rather than "not null".
  if (input.category.value) body.category = input.category.value;
  const impact = input.expected_impact.value.trim();
  if (impact) body.expected_impact = impact;
  if (input.campaign.value && !editId) body.campaign = Number.parseInt(input.campaign.value, 10);
  if (input.region.value) body.region = Number.parseInt(input.region.value, 10);
  else if (editId) body.region = null;
  body.co_authors = coAuthors.ids();
  if (editId && original?.status !== "draft") delete body.draft;
  return body;
}

async function onSubmit(event) {
  event.preventDefault();
  clearErrors();
  submit.disabled = true;
  submit.textContent = t("Submitting…");
  try {
    const body = payload();
    const idea = editId
      ? await api(`/api/ideas/${editId}/`, { method: "PATCH", body })
      : await api("/api/ideas/", { method: "POST", body });
    // The idea page confirms a new idea or draft, and a draft submitted from here.
    const sent = idea.status === "draft" ? "draf" : "ide";
    const confirm = !editId ? sent : original?.status === "draft" && sent === "ide" ? sent : null;
    window.location.assign(`/ideas/${idea.id}/${confirm ? `?dikirim=${confirm}` : ""}`);
    return;
  } catch (error) {
    if (error.redirecting) return;
    if (error instanceof ApiError && error.status === 400) {
      showErrors(error.fieldErrors);
    } else if (error instanceof ApiError && error.status === 409) {
      showErrors({}, [error.detail || t("The idea could not be submitted.")]);
    } else {
      showErrors({}, [errorMessage(error)]);
    }
  }
  submit.disabled = false;
  submit.textContent = submitLabel();
}

function init() {
  renderLayout().catch((error) => {
    if (!error.redirecting) console.error(error);
  });
  coAuthors = new CoAuthorPicker();
  form.addEventListener("submit", onSubmit);
  keepOverLanguageSwitch(UNSENT_KEY, typed);
  input.campaign.addEventListener("change", () =>
    fillSelect(input.category, categoryOptions(), { placeholder: t("Choose a category") }),
  );
  loadReference().catch((error) => {
    if (!error.redirecting) showErrors({}, [`${t("The form could not be loaded.")} ${errorMessage(error)}`]);
  });
}

init();

similarSuggestions({ exceptId: editId });
