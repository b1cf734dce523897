// The console's moderation queue (admins): what people reported, oldest first, with what it
// names and how many open reports name it; each is dismissed, or what it names is hidden
// (the comment taken down, the idea hidden) with a reason its author is told. Settling one
// report settles every open report on the same comment or idea (the server's rule).

import { api, ApiError, errorMessage } from "./api.js";
import { $, h, replaceChildren } from "./dom.js";
import { formatDateTime } from "./format.js";
import { t, tn } from "./i18n.js";
import { nameOf } from "./labels.js";

const REASON_LABELS = {
  spam: "Spam or advertising",
  offensive: "Offensive or abusive",
  personal_data: "Personal data",
  off_topic: "Off-topic",
  other: "Something else",
};

const STATUS_TEXT = {
  open: "Open",
  dismissed: "Dismissed",
  actioned: "Acted on",
};

function refusal(error) {
  if (error instanceof ApiError) {
    const fields = Object.values(error.fieldErrors ?? {}).flat();
    if (fields.length) return fields.join(" ");
    if (error.messages?.length) return error.messages.join(" ");
  }
  return errorMessage(error);
}

function targetText(report) {
  const target = report.target;
  const where = h("a", { href: `/ideas/${target.idea}/${target.comment ? `#comment-${target.comment}` : ""}` }, target.idea_title);
  if (target.type === "idea") return h("p", { class: "report-target" }, t("Idea"), ": ", where);
  const body = h("blockquote", { class: "report-body" });
  body.textContent = target.body; // plain text, never markup
  return h(
    "div",
    { class: "report-target" },
    h("p", {}, t("Comment by {name} on", { name: nameOf(target.author) }), " ", where, target.shown ? "" : ` (${t("no longer shown")})`),
    body,
  );
}

function reportItem(report, reload) {
  const noteId = `report-note-${report.id}`;
  const note = h("textarea", { id: noteId, rows: 2, maxlength: 500, dataset: { testid: "moderation-note" } });
  const result = h("p", { class: "form-result", role: "status", "aria-live": "polite" });
  const act = (action) => async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await api(`/api/moderation/reports/${report.id}/resolve/`, {
        method: "POST",
        body: { action, note: note.value },
      });
      await reload();
    } catch (error) {
      if (error.redirecting) return;
      result.textContent = refusal(error);
      result.classList.add("is-error");
      button.disabled = false;
    }
  };
  const open = report.status === "open";
  return h(
    "li",
    { class: "console-report", dataset: { testid: "moderation-report", reportId: String(report.id) } },
    h(
      "p",
      { class: "console-idea-meta" },
      h("strong", {}, t(REASON_LABELS[report.reason] ?? "Something else")),
      " · ",
      h("time", { datetime: report.created_at }, formatDateTime(report.created_at)),
      open ? ` · ${tn("{n} open report", "{n} open reports", { n: report.open_reports })}` : ` · ${t(STATUS_TEXT[report.status] ?? "")}`,
    ),
    report.note ? h("p", { class: "report-note" }, t("Note"), ": ", report.note) : null,
    targetText(report),
    open
      ? h(
          "div",
          { class: "console-form" },
          h("label", { for: noteId }, t("Reason, told to the author when hidden")),
          note,
          h(
            "div",
            { class: "form-actions" },
            h(
              "button",
              { type: "button", class: "button button-danger", dataset: { testid: "moderation-hide" }, onclick: act("hide") },
              report.target.type === "idea" ? t("Hide the idea") : t("Take the comment down"),
            ),
            h(
              "button",
              { type: "button", class: "button button-secondary", dataset: { testid: "moderation-dismiss" }, onclick: act("dismiss") },
              t("Dismiss"),
            ),
          ),
          result,
        )
      : null,
  );
}

/** Fill the console's moderation section (absent on older pages: then nothing happens). */
export async function startModeration() {
  const list = $("moderation-list");
  const status = $("moderation-status");
  const filter = $("moderation-filter");
  if (!list) return;
  async function load() {
    status.textContent = t("Loading…");
    try {
      const data = await api("/api/moderation/reports/", { query: { status: filter.value, page_size: 50 } });
      const reports = data?.results ?? [];
      replaceChildren(list, reports.map((report) => reportItem(report, load)));
      status.textContent = reports.length
        ? tn("{n} report", "{n} reports", { n: data.count })
        : t("No reports here.");
    } catch (error) {
      if (error.redirecting) return;
      status.textContent = errorMessage(error);
    }
  }
  filter.addEventListener("change", load);
  await load();
}
