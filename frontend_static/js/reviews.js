// Reviewer workspace: the ideas assigned to the signed-in panel member (not yet reviewed first,
// then by due date), and for the one chosen its text, the campaign's rubric, feedback for the
// authors and a private note for the panel. The server judges every review; its refusals are
// shown beside the fields they concern and gathered in a summary that takes focus.

import { api, apiAll, ApiError, errorMessage } from "./api.js";
import { $, h, pageStates } from "./dom.js";
import { formatNumber, formatShortDateTime, isPast } from "./format.js";
import {
  fieldErrorClear,
  fieldErrorShow,
  fieldLabel,
  keepOverLanguageSwitch,
  summaryClear,
  summaryLink,
  summaryShow,
  takeKept,
} from "./forms.js";
import { t } from "./i18n.js";
import { hasRole, renderLayout } from "./layout.js";
import { categoryName, nameOf } from "./labels.js";

// A scale of up to eleven steps (0..10) is a row of radio buttons; a wider one a number field.
const RADIO_MAX_OPTIONS = 11;
const TEXT_FIELDS = ["comment", "private_note"];
const UNSENT_KEY = "gagasan:unsent-review";

const el = {
  main: $("main"),
  loading: $("reviews-loading"),
  error: $("reviews-error"),
  errorMessage: $("reviews-error-message"),
  retry: $("reviews-retry"),
  noAccess: $("reviews-no-access"),
  workspace: $("reviews-workspace"),
  progressText: $("queue-progress-text"),
  progressBar: $("queue-progress-bar"),
  queueEmpty: $("queue-empty"),
  queue: $("queue-list"),
  choose: $("review-choose"),
  paneLoading: $("review-loading"),
  paneError: $("review-load-error"),
  paneErrorMessage: $("review-load-error-message"),
  paneRetry: $("review-retry"),
  idea: $("review-idea"),
  ideaCategory: $("review-idea-category"),
  ideaDue: $("review-idea-due"),
  ideaTitle: $("review-idea-title"),
  blind: $("review-blind"),
  authors: $("review-authors"),
  problem: $("review-idea-problem"),
  solution: $("review-idea-solution"),
  impactWrap: $("review-idea-impact-wrap"),
  impact: $("review-idea-impact"),
  ideaLink: $("review-idea-link"),
  form: $("review-form"),
  state: $("review-state"),
  summary: $("review-errors"),
  summaryList: $("review-errors-list"),
  rubric: $("rubric-fields"),
  rubricError: $("rubric-error"),
  commentHint: $("hint-comment"),
  submit: $("review-submit"),
  next: $("review-next"),
  saved: $("review-saved"),
};
const field = {
  comment: $("field-comment"),
  private_note: $("field-private_note"),
};

let me = null;
let assignments = []; // in queue order
let selected = null; // the chosen idea's id
let view = null; // {assignment, idea, criteria, campaign, review} of the chosen idea
let loadSeq = 0;
let submitting = false;
const criteriaByCampaign = new Map(); // campaign id -> Promise of its criteria
const campaignById = new Map(); // campaign id -> Promise of the campaign (or null)

// --- Page states ----------------------------------------------------------------------------

const show = pageStates(
  { loading: el.loading, error: el.error, "no-access": el.noAccess, workspace: el.workspace },
  { busy: el.main },
);

// The pane beside the queue: nothing chosen yet, the chosen idea loading, failed, or shown.
const showPane = pageStates({
  choose: el.choose,
  loading: el.paneLoading,
  error: el.paneError,
  idea: [el.idea, el.form],
});

// --- The queue --------------------------------------------------------------------------------

function dueTime(assignment) {
  const when = Date.parse(assignment.due_at ?? "");
  return Number.isNaN(when) ? Number.MAX_SAFE_INTEGER : when;
}

/** Not yet reviewed first, then the soonest due. */
function byQueueOrder(a, b) {
  return Number(a.reviewed) - Number(b.reviewed) || dueTime(a) - dueTime(b) || a.id - b.id;
}

function stateOf(assignment) {
  if (assignment.reviewed) return "done";
  return isPast(assignment.due_at) ? "overdue" : "pending";
}

const STATE_LABEL = { done: "Done", overdue: "Overdue", pending: "Not reviewed" };

function dueElement(assignment, testid) {
  return h(
    "time",
    { datetime: assignment.due_at, dataset: { testid } },
    t("Due {date}", { date: formatShortDateTime(assignment.due_at) }),
  );
}

function queueItem(assignment) {
  const state = stateOf(assignment);
  const ideaId = assignment.idea.id;
  const link = h(
    "a",
    {
      href: `/reviews/?idea=${ideaId}`,
      class: "queue-link",
      "aria-current": ideaId === selected ? "true" : null,
      dataset: { testid: "queue-item", ideaId: String(ideaId), state },
    },
    h("span", { class: "queue-title", dataset: { testid: "queue-title" } }, assignment.idea.title),
    h(
      "span",
      { class: "queue-meta" },
      categoryName(assignment.idea.category),
      " · ",
      dueElement(assignment, "queue-due"),
    ),
    h(
      "span",
      { class: `badge badge-review-${state}`, dataset: { testid: "queue-state" } },
      state === "done" ? h("span", { "aria-hidden": "true" }, "✓ ") : null,
      t(STATE_LABEL[state]),
    ),
  );
  link.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    selectIdea(ideaId, { focus: true });
  });
  return h("li", { class: `queue-item is-${state}` }, link);
}

function renderQueue() {
  assignments.sort(byQueueOrder);
  const done = assignments.filter((a) => a.reviewed).length;
  const total = assignments.length;
  el.progressText.textContent = t("{done} of {total} done", { done, total });
  el.progressBar.max = Math.max(total, 1);
  el.progressBar.value = done;
  el.queueEmpty.hidden = total > 0;
  el.queue.replaceChildren(...assignments.map(queueItem));
}

async function loadQueue() {
  const list = await apiAll("/api/reviews/assignments/");
  assignments = list.filter((a) => a?.idea);
  if (view) {
    // The idea on screen keeps its place in the fresh list.
    view.assignment = assignments.find((a) => a.idea.id === view.idea.id) ?? view.assignment;
  }
  renderQueue();
}

function writeUrl() {
  const params = new URLSearchParams(window.location.search);
  if (selected === null) params.delete("idea");
  else params.set("idea", String(selected));
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (url !== window.location.pathname + window.location.search) {
    window.history.replaceState(null, "", url);
  }
}

// --- The chosen idea --------------------------------------------------------------------------

function cached(map, key, load) {
  if (!map.has(key)) {
    const promise = load().catch((error) => {
      map.delete(key); // tried again next time
      throw error;
    });
    map.set(key, promise);
  }
  return map.get(key);
}

function criteriaFor(campaignId) {
  return cached(criteriaByCampaign, campaignId, () =>
    api(`/api/campaigns/${campaignId}/criteria/`).then((list) =>
      Array.isArray(list) ? list : (list?.results ?? []),
    ),
  );
}

/** The campaign, for its phase; null when it cannot be read (the server still decides). */
function campaignFor(campaignId) {
  return cached(campaignById, campaignId, () =>
    api(`/api/campaigns/${campaignId}/`).catch((error) => {
      if (error.redirecting) throw error;
      return null;
    }),
  );
}

async function selectIdea(ideaId, { focus = false } = {}) {
  const assignment = assignments.find((a) => a.idea.id === ideaId) ?? null;
  selected = assignment ? ideaId : null;
  writeUrl();
  renderQueue();
  if (!assignment) {
    view = null;
    showPane("choose");
    return;
  }
  const seq = ++loadSeq;
  showPane("loading");
  try {
    const campaignId = assignment.idea.campaign;
    const [idea, criteria, campaign, reviews] = await Promise.all([
      api(`/api/ideas/${ideaId}/`),
      criteriaFor(campaignId),
      campaignFor(campaignId),
      api(`/api/ideas/${ideaId}/reviews/`),
    ]);
    if (seq !== loadSeq) return;
    view = { assignment, idea, criteria, campaign, review: ownReview(reviews) };
    const kept = takeKept(UNSENT_KEY);
    const unsent = kept?.idea === idea.id ? kept : null;
    clearErrors();
    el.saved.textContent = "";
    field.comment.value = unsent?.comment ?? view.review?.comment ?? "";
    field.private_note.value = unsent?.private_note ?? view.review?.private_note ?? "";
    renderIdea();
    renderRubric(unsent ? new Map(unsent.scores) : scoresOfReview(view.review));
    renderFormState();
    showPane("idea");
    if (focus) el.ideaTitle.focus();
  } catch (error) {
    if (seq !== loadSeq || error.redirecting) return;
    el.paneErrorMessage.textContent = `${t("This idea could not be loaded.")} ${errorMessage(error)}`;
    showPane("error");
  }
}

/** The caller's own review, in full (with scores), among those the list shows them. */
function ownReview(reviews) {
  const list = Array.isArray(reviews) ? reviews : (reviews?.results ?? []);
  return list.find((r) => Array.isArray(r.scores) && r.reviewer?.id === me?.id) ?? null;
}

function scoresOfReview(review) {
  return new Map((review?.scores ?? []).map((s) => [s.criterion, s.value]));
}

function isBlind() {
  // The server leaves out who wrote the idea when the review is blind.
  return !view.assignment.idea.author || !view.idea.author;
}

function renderIdea() {
  const { assignment, idea } = view;
  el.ideaCategory.textContent = categoryName(idea.category ?? assignment.idea.category);
  const overdue = stateOf(assignment) === "overdue";
  el.ideaDue.replaceChildren(
    ...[dueElement(assignment, "review-due"), overdue ? ` · ${t("Overdue")}` : null].filter(Boolean),
  );
  el.ideaDue.classList.toggle("is-overdue", overdue);
  el.ideaTitle.textContent = idea.title;
  const blind = isBlind();
  el.blind.hidden = !blind;
  el.authors.hidden = blind;
  if (!blind) {
    const people = [idea.author, ...(idea.co_authors ?? [])].filter(Boolean).map((person) => {
      const agency = nameOf(person.agency);
      return agency ? `${nameOf(person)} (${agency})` : nameOf(person);
    });
    el.authors.replaceChildren(
      h("span", { class: "review-authors-label" }, `${t("Authors")}: `),
      people.join(", "),
    );
  }
  el.problem.textContent = idea.problem ?? "";
  el.solution.textContent = idea.solution ?? "";
  el.impact.textContent = idea.expected_impact ?? "";
  el.impactWrap.hidden = !idea.expected_impact;
  el.ideaLink.href = `/ideas/${idea.id}/`;
  el.commentHint.textContent = t(blind ? "Published on the idea's page and sent to the authors, without your name." : "Published on the idea's page and sent to the authors.");
}

// --- The rubric -------------------------------------------------------------------------------

function range(min, max) {
  const values = [];
  for (let value = min; value <= max; value += 1) values.push(value);
  return values;
}

function totalWeight() {
  return view.criteria.reduce((sum, c) => sum + (Number(c.weight) || 0), 0);
}

function criterionFieldset(criterion, value, total) {
  const id = `criterion-${criterion.id}`;
  const descriptionId = `${id}-description`;
  const scaleId = `${id}-scale`;
  const errorId = `${id}-error`;
  const weight = total > 0 ? Math.round(((Number(criterion.weight) || 0) / total) * 100) : null;
  const describedBy = [criterion.description ? descriptionId : null, scaleId].filter(Boolean).join(" ");
  let control;
  if (criterion.max - criterion.min + 1 <= RADIO_MAX_OPTIONS) {
    control = h(
      "div",
      { class: "score-options" },
      range(criterion.min, criterion.max).map((option) => {
        const inputId = `${id}-score-${option}`;
        return h(
          "span",
          { class: "score-option" },
          h("input", {
            type: "radio",
            id: inputId,
            name: id,
            value: String(option),
            checked: value === option,
          }),
          h("label", { for: inputId }, String(option)),
        );
      }),
    );
  } else {
    const inputId = `${id}-score`;
    control = h(
      "div",
      { class: "score-number" },
      h("label", { for: inputId }, t("Score")),
      h("input", {
        type: "number",
        id: inputId,
        name: id,
        min: criterion.min,
        max: criterion.max,
        step: 1,
        inputmode: "numeric",
        value: value ?? "",
        "aria-describedby": describedBy,
      }),
    );
  }
  return h(
    "fieldset",
    {
      class: "criterion",
      id,
      "aria-describedby": describedBy,
      dataset: { testid: "criterion", criterionId: String(criterion.id), describedby: describedBy },
    },
    h(
      "legend",
      { class: "criterion-legend" },
      h("span", { class: "criterion-name" }, criterion.name),
      weight !== null
        ? h("span", { class: "criterion-weight" }, " ", t("Weight {n}%", { n: weight }))
        : null,
    ),
    criterion.description
      ? h("p", { id: descriptionId, class: "hint criterion-description" }, criterion.description)
      : null,
    h(
      "p",
      { id: scaleId, class: "hint criterion-scale" },
      t("From {min} (lowest) to {max} (highest).", { min: criterion.min, max: criterion.max }),
    ),
    h("p", { id: errorId, class: "field-error", dataset: { testid: "criterion-error" }, hidden: true }),
    control,
  );
}

/** Draw the rubric with `values` (criterion id -> value) chosen. */
function renderRubric(values) {
  const total = totalWeight();
  el.rubric.replaceChildren(
    ...view.criteria.map((criterion) => criterionFieldset(criterion, values.get(criterion.id), total)),
  );
  if (!view.criteria.length) {
    el.rubricError.textContent = t("This campaign has no scoring rubric yet.");
    el.rubricError.hidden = false;
  }
}

/** The chosen value of a criterion: a whole number, NaN for something else, null for none. */
function scoreOf(criterion) {
  const inputs = [...el.form.querySelectorAll(`[name="criterion-${criterion.id}"]`)];
  if (inputs[0]?.type === "radio") {
    const checked = inputs.find((input) => input.checked);
    return checked ? Number.parseInt(checked.value, 10) : null;
  }
  const text = inputs[0]?.value.trim() ?? "";
  if (!text) return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : Number.NaN;
}

/** The values chosen in the form now: criterion id -> whole number. */
function currentValues() {
  const values = new Map();
  for (const criterion of view?.criteria ?? []) {
    const value = scoreOf(criterion);
    if (Number.isInteger(value)) values.set(criterion.id, value);
  }
  return values;
}

function isClosed() {
  const phase = view.campaign?.phase;
  return Boolean(phase) && phase !== "review";
}

function renderFormState() {
  const closed = isClosed();
  const message = closed ? t("This campaign's review phase is not open; reviews cannot be submitted or changed.") : view.review ? t("You have reviewed this idea. Changes replace your earlier review.") : "";
  el.state.textContent = message;
  el.state.hidden = !message;
  el.state.classList.toggle("is-closed", closed);
  for (const control of el.form.querySelectorAll("input, textarea")) control.disabled = closed;
  el.submit.disabled = closed || submitting || !view.criteria.length;
  el.submit.textContent = t(submitting ? "Saving…" : view.review ? "Update review" : "Submit review");
  const next = nextAssignment();
  el.next.hidden = !(view.review && next);
}

function nextAssignment() {
  return assignments.find((a) => !a.reviewed && a.idea.id !== selected) ?? null;
}

// --- Errors -----------------------------------------------------------------------------------

function clearErrors() {
  summaryClear(el.summary, el.summaryList);
  el.rubricError.hidden = true;
  el.rubricError.textContent = "";
  for (const fieldset of el.rubric.querySelectorAll("fieldset.criterion")) {
    fieldset.classList.remove("has-error");
    const error = fieldset.querySelector(".field-error");
    error.hidden = true;
    error.textContent = "";
    fieldset.setAttribute("aria-describedby", fieldset.dataset.describedby);
    for (const input of fieldset.querySelectorAll("input")) input.removeAttribute("aria-invalid");
  }
  for (const name of TEXT_FIELDS) fieldErrorClear(name, field[name]);
}

/** Mark a criterion's fieldset with `message`; answers the summary's link to it. */
function markCriterion(criterion, message) {
  const fieldset = $(`criterion-${criterion.id}`);
  const error = $(`criterion-${criterion.id}-error`);
  error.textContent = message;
  error.hidden = false;
  fieldset.classList.add("has-error");
  fieldset.setAttribute("aria-describedby", `${fieldset.dataset.describedby} ${error.id}`);
  const inputs = [...fieldset.querySelectorAll("input")];
  for (const input of inputs) input.setAttribute("aria-invalid", "true");
  const target = inputs.find((input) => input.checked) ?? inputs[0];
  return summaryLink(target, `${criterion.name}: ${message}`);
}

/**
 * When the server refuses the scores, each criterion left without a score, or with one off its
 * scale, is marked where it is, in the interface language. A refusal that points at no
 * criterion the page can find is shown in the server's own words.
 */
function showErrors(fieldErrors, general = []) {
  const items = general.map((message) => h("li", {}, message));
  const scoreMessages = fieldErrors.scores ?? [];
  if (scoreMessages.length) {
    const located = [];
    for (const criterion of view.criteria) {
      const value = scoreOf(criterion);
      if (value === null) {
        located.push(markCriterion(criterion, t("Choose a score for this criterion.")));
      } else if (!Number.isInteger(value) || value < criterion.min || value > criterion.max) {
        const message = t("The score must be between {min} and {max}.", { min: criterion.min, max: criterion.max });
        located.push(markCriterion(criterion, message));
      }
    }
    if (located.length) {
      items.push(...located);
    } else {
      items.push(...scoreMessages.map((message) => h("li", {}, message)));
      el.rubricError.textContent = scoreMessages.join(" ");
      el.rubricError.hidden = false;
    }
  }
  for (const name of TEXT_FIELDS) {
    const messages = fieldErrors[name];
    if (!messages?.length) continue;
    items.push(
      fieldErrorShow(name, field[name], messages.join(" "), fieldLabel(el.form, name)),
    );
  }
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (name !== "scores" && !TEXT_FIELDS.includes(name)) items.push(h("li", {}, messages.join(" ")));
  }
  summaryShow(el.summary, el.summaryList, items);
}

// --- Submitting -------------------------------------------------------------------------------

function payload() {
  const scores = [];
  for (const criterion of view.criteria) {
    const value = scoreOf(criterion);
    // Off-scale numbers go to the server, which says why they are refused; blanks stay out.
    if (value !== null && !Number.isNaN(value)) scores.push({ criterion: criterion.id, value });
  }
  return { scores, comment: field.comment.value, private_note: field.private_note.value };
}

async function onSubmit(event) {
  event.preventDefault();
  if (!view || submitting) return;
  const current = view;
  clearErrors();
  el.saved.textContent = "";
  submitting = true;
  renderFormState();
  try {
    const review = await api(`/api/ideas/${current.idea.id}/reviews/`, {
      method: current.review ? "PUT" : "POST",
      body: payload(),
    });
    current.review = review;
    current.assignment.reviewed = true;
    if (view !== current) return;
    renderQueue();
    el.saved.textContent = t("Review saved. Your weighted score: {score} of 100.", { score: formatNumber(review.weighted_score, 1) });
  } catch (error) {
    if (error.redirecting || view !== current) return;
    await showRefusal(error, current);
  } finally {
    submitting = false;
    if (view === current) renderFormState();
  }
}

async function showRefusal(error, current) {
  if (!(error instanceof ApiError)) {
    showErrors({}, [errorMessage(error)]);
    return;
  }
  if (error.status === 400) {
    showErrors(error.fieldErrors);
    return;
  }
  if (error.status === 409 && error.code === "review_exists") {
    // Saved already (another tab, a double click): show that review, to be replaced if wanted.
    try {
      current.review = ownReview(await api(`/api/ideas/${current.idea.id}/reviews/`));
      current.assignment.reviewed = Boolean(current.review) || current.assignment.reviewed;
      renderQueue();
    } catch {
      // the message below still holds
    }
    showErrors({}, [t("Your review of this idea was already saved; the form below now shows it.")]);
    return;
  }
  if (error.status === 409 && error.code === "review_closed" && current.campaign) {
    current.campaign = { ...current.campaign, phase: "closed" };
  }
  // 403 not_assigned / conflict_of_interest, 409 review_closed: the server's own words.
  showErrors({}, [errorMessage(error)]);
}

// --- Start ------------------------------------------------------------------------------------

function requestedIdea() {
  const id = Number.parseInt(new URLSearchParams(window.location.search).get("idea") || "", 10);
  return Number.isInteger(id) ? id : null;
}

async function start() {
  show("loading");
  try {
    me = me ?? (await renderLayout());
  } catch (error) {
    if (!error.redirecting) {
      el.errorMessage.textContent = `${t("The review queue could not be loaded.")} ${errorMessage(error)}`;
      show("error");
    }
    return;
  }
  if (!hasRole(me, ["reviewer", "admin"])) {
    show("no-access");
    return;
  }
  try {
    await loadQueue();
  } catch (error) {
    if (!error.redirecting) {
      el.errorMessage.textContent = `${t("The review queue could not be loaded.")} ${errorMessage(error)}`;
      show("error");
    }
    return;
  }
  show("workspace");
  const asked = requestedIdea();
  if (asked !== null && assignments.some((a) => a.idea.id === asked)) selectIdea(asked);
  else {
    selected = null;
    writeUrl();
    showPane("choose");
  }
}

function init() {
  el.retry.addEventListener("click", start);
  el.paneRetry.addEventListener("click", () => selected !== null && selectIdea(selected));
  el.form.addEventListener("submit", onSubmit);
  keepOverLanguageSwitch(UNSENT_KEY, () =>
    view && !el.form.hidden
      ? {
          idea: view.idea.id,
          scores: [...currentValues()],
          comment: field.comment.value,
          private_note: field.private_note.value,
        }
      : null,
  );
  el.next.addEventListener("click", () => {
    const next = nextAssignment();
    if (next) selectIdea(next.idea.id, { focus: true });
  });
  start();
}

init();
