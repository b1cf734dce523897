// The idea page's comments as threads: a top-level comment and its replies (one level deep),
// replying, editing and deleting one's own comment for a while after posting it ("diedit"
// shown once edited), and reporting a comment to the moderators. The store keeps each
// comment with the live `seq` its state comes from, so that an older list or frame never
// undoes a newer one (a late frame cannot bring back a deleted comment or an older text).
// Every text from people goes in as text.

import { api, ApiError, errorMessage } from "./api.js";
import { h } from "./dom.js";
import { formatDateTime } from "./format.js";
import { t } from "./i18n.js";
import { commentKindLabel, hiddenLabel, nameOf } from "./labels.js";
import { moderationControl } from "./moderation.js";

export const REPORT_REASONS = [
  { value: "spam", label: () => t("Spam or advertising") },
  { value: "offensive", label: () => t("Offensive or abusive") },
  { value: "personal_data", label: () => t("Personal data") },
  { value: "off_topic", label: () => t("Off-topic") },
  { value: "other", label: () => t("Something else") },
];

const isFeedback = (comment) => comment.kind === "reviewer";

function byTime(a, b) {
  const ta = Date.parse(a.created_at ?? "") || 0;
  const tb = Date.parse(b.created_at ?? "") || 0;
  return ta - tb || (a.id ?? 0) - (b.id ?? 0);
}

/** The comments of one idea as this page knows them. */
export class CommentStore {
  constructor() {
    this.byId = new Map();
    this.seqOf = new Map(); // id -> the seq the comment's state is from
    this.goneAt = new Map(); // id -> the seq at which it was taken back (null: by this page)
  }

  /** Comments from the list (threads, whose replies are taken too), a POST or PATCH answer
   * (seq null: this page's own write) or a live frame. Answers how many were new. */
  merge(list, seq = null) {
    let fresh = 0;
    for (const item of list) {
      if (!item) continue;
      const { replies, ...comment } = item;
      delete comment.reply_count;
      fresh += this.put(comment, seq);
      for (const reply of Array.isArray(replies) ? replies : []) fresh += this.put(reply, seq);
    }
    return fresh;
  }

  put(comment, seq) {
    const gone = this.goneAt.has(comment.id);
    // A withdrawal is final: only a newer placeholder of it may still come.
    if (gone && !comment.withdrawn) return 0;
    const known = this.byId.get(comment.id);
    const knownSeq = this.seqOf.get(comment.id);
    if (known && seq !== null && knownSeq !== undefined && seq < knownSeq) return 0;
    this.byId.set(comment.id, { ...comment });
    if (seq !== null) this.seqOf.set(comment.id, Math.max(seq, knownSeq ?? seq));
    if (comment.withdrawn) this.goneAt.set(comment.id, seq);
    return known || comment.withdrawn ? 0 : 1;
  }

  /** A comment taken back: it stays as a placeholder while it has replies shown, else goes
   * (and so does a placeholder left without replies). Answers the comment, or null when it
   * was not shown or already taken back. */
  withdraw(id, withdrawn = "author", seq = null) {
    const comment = this.byId.get(id);
    // Told twice (this page's DELETE answer and the frame, in either order): once is news.
    const already = this.goneAt.has(id);
    if (!already || seq !== null) this.goneAt.set(id, seq);
    if (!comment || already) return null;
    if (this.repliesOf(id).length) {
      this.byId.set(id, { ...comment, body: "", author: null, author_label: undefined, withdrawn });
    } else {
      this.byId.delete(id);
      const parent = comment.parent === null ? null : this.byId.get(comment.parent);
      if (parent?.withdrawn && this.repliesOf(parent.id).length === 0) this.byId.delete(parent.id);
    }
    return comment;
  }

  repliesOf(id) {
    return [...this.byId.values()].filter((c) => c.parent === id && !c.withdrawn).sort(byTime);
  }

  /** The staff threads, oldest first: [{comment, replies}]. */
  threads() {
    return [...this.byId.values()]
      .filter((c) => c.parent === null && !isFeedback(c))
      .sort(byTime)
      .map((comment) => ({ comment, replies: this.repliesOf(comment.id) }))
      .filter(({ comment, replies }) => !comment.withdrawn || replies.length);
  }

  /** The review panel's published feedback, oldest first. */
  feedback() {
    return [...this.byId.values()].filter((c) => isFeedback(c) && !c.withdrawn).sort(byTime);
  }
}

// --- Rendering ------------------------------------------------------------------------------

function person(comment) {
  if (!comment.author) {
    return h(
      "span",
      { class: "person person-hidden" },
      h("span", { class: "person-name" }, comment.author_label || hiddenLabel()),
    );
  }
  const agency = nameOf(comment.author.agency);
  return h(
    "span",
    { class: "person" },
    h("span", { class: "person-name" }, nameOf(comment.author)),
    agency ? h("span", { class: "person-agency" }, ` (${agency})`) : null,
  );
}

function timeElement(iso) {
  return h("time", { datetime: iso }, formatDateTime(iso));
}

/** May the reader still change this comment of theirs (the server decides in the end)? */
export function editableByReader(comment, me, now = Date.now()) {
  if (!me || !comment.author || comment.author.id !== me.id) return false;
  if (comment.withdrawn || isFeedback(comment)) return false;
  return Date.parse(comment.editable_until ?? "") > now;
}

function refusal(error) {
  if (error instanceof ApiError) {
    const fields = Object.values(error.fieldErrors ?? {}).flat();
    if (fields.length) return fields.join(" ");
    if (error.messages?.length) return error.messages.join(" ");
  }
  return errorMessage(error);
}

/**
 * The comment list of the idea page. `ctx`: {ideaId, store, me() (the reader or null),
 * canModerate(), canReply(), changed() (re-render), countBy(n) (this page's own write moved
 * the idea's count by n; the next frame brings the absolute count)}.
 * Open forms (a reply being written, an edit, a report) survive re-rendering: a live frame
 * arriving while someone types redraws the list, not their text.
 */
export class CommentList {
  constructor(listElement, ctx) {
    this.list = listElement;
    this.ctx = ctx;
    this.forms = new Map(); // `${kind}:${id}` -> {value, reason, message, error}
  }

  render() {
    const active = document.activeElement;
    const focusKey = active && this.list.contains(active) ? active.dataset.formKey : null;
    const threads = this.ctx.store.threads();
    this.list.replaceChildren(...threads.map(({ comment, replies }) => this.item(comment, replies)));
    if (focusKey) {
      const again = this.list.querySelector(`[data-form-key="${focusKey}"]`);
      if (again) {
        again.focus();
        if (typeof again.value === "string" && again.setSelectionRange) {
          again.setSelectionRange(again.value.length, again.value.length);
        }
      }
    }
    return threads.length;
  }

  item(comment, replies = null) {
    const kind = comment.kind && comment.kind !== "staff" ? comment.kind : null;
    const isReply = comment.parent !== null;
    const body = h("p", { class: "comment-body prose", dataset: { testid: "comment-body" } });
    if (comment.withdrawn) {
      body.classList.add("comment-withdrawn");
      body.textContent =
        comment.withdrawn === "moderation"
          ? t("This comment was removed by a moderator.")
          : t("This comment was deleted by its author.");
    } else {
      body.textContent = comment.body ?? ""; // plain text, never markup
    }
    const editing = this.forms.has(`edit:${comment.id}`);
    const li = h(
      "li",
      {
        class: `comment${kind ? ` comment-${kind}` : ""}${isReply ? " comment-reply" : ""}`,
        id: `comment-${comment.id}`,
        dataset: { testid: "comment", commentId: String(comment.id) },
      },
      h(
        "p",
        { class: "comment-meta" },
        comment.withdrawn ? null : person(comment),
        kind ? h("span", { class: `badge badge-kind-${kind}` }, commentKindLabel(kind)) : null,
        comment.created_at && !comment.withdrawn ? " · " : null,
        comment.created_at ? timeElement(comment.created_at) : null,
        comment.edited_at && !comment.withdrawn
          ? h(
              "span",
              { class: "comment-edited", dataset: { testid: "comment-edited" }, title: formatDateTime(comment.edited_at) },
              ` · ${t("edited")}`,
            )
          : null,
      ),
      editing ? this.editForm(comment) : body,
      comment.withdrawn || editing ? null : this.actions(comment, isReply),
      comment.withdrawn
        ? null
        : moderationControl(comment, {
            allowed: this.ctx.canModerate(),
            onHidden: (id) => {
              if (this.ctx.store.withdraw(id, "moderation")) this.ctx.countBy(-1);
              this.ctx.changed();
            },
          }),
    );
    if (!isReply) {
      const shown = replies ?? [];
      if (shown.length) {
        li.appendChild(
          h(
            "ol",
            {
              class: "comment-replies",
              dataset: { testid: "comment-replies" },
              "aria-label": t("Replies to this comment"),
            },
            shown.map((reply) => this.item(reply)),
          ),
        );
      }
      if (this.forms.has(`reply:${comment.id}`)) li.appendChild(this.replyForm(comment));
    }
    if (this.forms.has(`report:${comment.id}`)) li.appendChild(this.reportForm(comment));
    return li;
  }

  actions(comment, isReply) {
    const me = this.ctx.me();
    const buttons = [];
    const button = (label, testid, onClick, extra = {}) =>
      h("button", { type: "button", class: "button button-link", dataset: { testid }, onclick: onClick, ...extra }, label);
    if (!isReply && this.ctx.canReply()) {
      buttons.push(
        button(t("Reply"), "comment-reply", () => this.open(`reply:${comment.id}`), {
          "aria-expanded": String(this.forms.has(`reply:${comment.id}`)),
        }),
      );
    }
    if (editableByReader(comment, me)) {
      buttons.push(button(t("Edit"), "comment-edit", () => this.open(`edit:${comment.id}`, { value: comment.body })));
      const confirming = this.forms.has(`delete:${comment.id}`);
      if (confirming) {
        buttons.push(
          h(
            "span",
            { class: "comment-confirm", role: "group", "aria-label": t("Delete this comment?") },
            `${t("Delete this comment?")} `,
            button(t("Yes, delete"), "comment-delete-confirm", () => this.remove(comment)),
            button(t("Cancel"), "comment-delete-cancel", () => this.close(`delete:${comment.id}`)),
          ),
        );
      } else {
        buttons.push(button(t("Delete"), "comment-delete", () => this.open(`delete:${comment.id}`)));
      }
    }
    if (me && comment.author?.id !== me.id && !isFeedback(comment)) {
      buttons.push(button(t("Report"), "comment-report", () => this.open(`report:${comment.id}`)));
    }
    const state = this.forms.get(`done:${comment.id}`);
    return h(
      "div",
      { class: "comment-actions" },
      buttons,
      state?.message
        ? h("p", { class: `form-result${state.error ? " is-error" : ""}`, role: "status" }, state.message)
        : null,
    );
  }

  /** Open a form (reply, edit, report, the delete question), or close it when open. */
  open(key, initial = {}) {
    if (this.forms.has(key)) {
      this.close(key);
      return;
    }
    this.forms.set(key, { value: "", ...initial });
    this.ctx.changed();
    const field = this.list.querySelector(`[data-form-key="${key}"]`);
    if (field) field.focus();
  }

  close(key) {
    this.forms.delete(key);
    this.ctx.changed();
  }

  field(key, label, { rows = 2, maxlength = 5000 } = {}) {
    const state = this.forms.get(key);
    const id = `field-${key.replace(":", "-")}`;
    const area = h("textarea", { id, rows, maxlength, dataset: { formKey: key } });
    area.value = state.value ?? "";
    area.addEventListener("input", () => {
      state.value = area.value;
    });
    return [h("label", { for: id }, label), area];
  }

  formResult(state) {
    return h(
      "p",
      { class: `form-result${state.error ? " is-error" : ""}`, role: state.error ? "alert" : "status" },
      state.message ?? "",
    );
  }

  replyForm(comment) {
    const key = `reply:${comment.id}`;
    const state = this.forms.get(key);
    const form = h(
      "form",
      { class: "form comment-form reply-form", novalidate: true, dataset: { testid: "reply-form" } },
      h("div", { class: "field" }, this.field(key, t("Your reply"))),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "button button-primary", dataset: { testid: "reply-submit" } }, t("Post reply")),
        h("button", { type: "button", class: "button button-secondary", onclick: () => this.close(key) }, t("Cancel")),
      ),
      this.formResult(state),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(key, async () => {
        const reply = await api(`/api/ideas/${this.ctx.ideaId}/comments/`, {
          method: "POST",
          body: { body: state.value, parent: comment.id },
        });
        if (this.ctx.store.merge([reply])) this.ctx.countBy(1);
      });
    });
    return form;
  }

  editForm(comment) {
    const key = `edit:${comment.id}`;
    const state = this.forms.get(key);
    const form = h(
      "form",
      { class: "form comment-form edit-form", novalidate: true, dataset: { testid: "edit-form" } },
      h("div", { class: "field" }, this.field(key, t("Edit your comment"), { rows: 3 })),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "button button-primary", dataset: { testid: "edit-save" } }, t("Save")),
        h("button", { type: "button", class: "button button-secondary", onclick: () => this.close(key) }, t("Cancel")),
      ),
      this.formResult(state),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(key, async () => {
        const edited = await api(`/api/ideas/${this.ctx.ideaId}/comments/${comment.id}/`, {
          method: "PATCH",
          body: { body: state.value },
        });
        this.ctx.store.merge([edited]);
      });
    });
    return form;
  }

  reportForm(comment) {
    const key = `report:${comment.id}`;
    const state = this.forms.get(key);
    const selectId = `report-reason-${comment.id}`;
    const select = h(
      "select",
      { id: selectId, dataset: { testid: "report-reason" } },
      REPORT_REASONS.map((r) => h("option", { value: r.value }, r.label())),
    );
    select.value = state.reason ?? "spam";
    select.addEventListener("change", () => {
      state.reason = select.value;
    });
    const form = h(
      "form",
      { class: "form comment-form report-form", novalidate: true, dataset: { testid: "report-form" } },
      h("div", { class: "field" }, h("label", { for: selectId }, t("Why should the moderators look at it?")), select),
      h("div", { class: "field" }, this.field(key, t("Note for the moderators (optional)"), { maxlength: 1000 })),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "button button-primary", dataset: { testid: "report-submit" } }, t("Send the report")),
        h("button", { type: "button", class: "button button-secondary", onclick: () => this.close(key) }, t("Cancel")),
      ),
      this.formResult(state),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(
        key,
        () =>
          api(`/api/comments/${comment.id}/report/`, {
            method: "POST",
            body: { reason: select.value, note: state.value ?? "" },
          }),
        { done: t("Thank you: the moderators will look at it.") },
      );
    });
    return form;
  }

  async remove(comment) {
    this.forms.delete(`delete:${comment.id}`);
    try {
      await api(`/api/ideas/${this.ctx.ideaId}/comments/${comment.id}/`, { method: "DELETE" });
      if (this.ctx.store.withdraw(comment.id, "author")) this.ctx.countBy(-1);
    } catch (error) {
      if (error.redirecting) return;
      this.forms.set(`done:${comment.id}`, { message: refusal(error), error: true });
    }
    this.ctx.changed();
  }

  /** Run one form's request: the form closes on success (with `done` said beside the
   * comment), or stays with the server's refusal. */
  async send(key, work, { done = "" } = {}) {
    const state = this.forms.get(key);
    const id = key.split(":")[1];
    try {
      await work();
      this.forms.delete(key);
      if (done) this.forms.set(`done:${id}`, { message: done });
    } catch (error) {
      if (error.redirecting) return;
      state.message = refusal(error);
      state.error = true;
    }
    this.ctx.changed();
  }
}

/** "Report this idea" for a reader who is not among its authors: a reason, a note, sent to
 * the moderators (a second report by the same person is the same report). */
export function ideaReportControl(container, ideaId) {
  const selectId = "idea-report-reason";
  const noteId = "idea-report-note";
  const select = h(
    "select",
    { id: selectId, dataset: { testid: "idea-report-reason" } },
    REPORT_REASONS.map((r) => h("option", { value: r.value }, r.label())),
  );
  const note = h("textarea", { id: noteId, rows: 2, maxlength: 1000 });
  const result = h("p", { class: "form-result", role: "status", "aria-live": "polite" });
  const send = h(
    "button",
    { type: "submit", class: "button button-primary", dataset: { testid: "idea-report-submit" } },
    t("Send the report"),
  );
  const form = h(
    "form",
    { class: "form report-form", novalidate: true, hidden: true },
    h("div", { class: "field" }, h("label", { for: selectId }, t("Why should the moderators look at it?")), select),
    h("div", { class: "field" }, h("label", { for: noteId }, t("Note for the moderators (optional)")), note),
    h("div", { class: "form-actions" }, send),
  );
  const open = h(
    "button",
    { type: "button", class: "button button-link", "aria-expanded": "false", dataset: { testid: "idea-report-open" } },
    t("Report this idea"),
  );
  open.addEventListener("click", () => {
    form.hidden = !form.hidden;
    open.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) select.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
      await api(`/api/ideas/${ideaId}/report/`, { method: "POST", body: { reason: select.value, note: note.value } });
      form.hidden = true;
      open.setAttribute("aria-expanded", "false");
      result.classList.remove("is-error");
      result.textContent = t("Thank you: the moderators will look at it.");
    } catch (error) {
      if (error.redirecting) return;
      result.classList.add("is-error");
      result.textContent = refusal(error);
    } finally {
      send.disabled = false;
    }
  });
  container.replaceChildren(open, form, result);
  container.hidden = false;
}
