// Building DOM from data without markup strings: text always goes in as text.

/**
 * h("a", {href: "/", class: "link", dataset: {testid: "x"}}, "text", childNode)
 * Attributes set to null/undefined/false are left out; `true` sets an empty attribute.
 * Keys starting with "on" add event listeners.
 */
/** The element with this id. */
export const $ = (id) => document.getElementById(id);

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace every child of `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A select's options from [{value, label}], keeping the current value when it still exists. */
export function fillSelect(select, options, { placeholder = null, value = select.value } = {}) {
  const nodes = [];
  if (placeholder !== null) nodes.push(h("option", { value: "" }, placeholder));
  for (const option of options) {
    if (option.group) {
      nodes.push(
        h(
          "optgroup",
          { label: option.group },
          option.options.map((o) => h("option", { value: o.value }, o.label)),
        ),
      );
    } else {
      nodes.push(h("option", { value: option.value }, option.label));
    }
  }
  select.replaceChildren(...nodes);
  const values = new Set([...select.options].map((o) => o.value));
  select.value = values.has(String(value ?? "")) ? String(value ?? "") : select.options[0]?.value ?? "";
}

/**
 * The parts of a page of which one shows at a time (loading, error, empty, the content...):
 * `parts` maps each state to its element, or a list of elements. Returns `show(state)`, which
 * reveals that state's elements and hides the others'; `busy` (an element) is marked
 * aria-busy while the state is "loading", so assistive technology waits for the result.
 */
export function pageStates(parts, { busy = null } = {}) {
  return function show(state) {
    for (const [name, elements] of Object.entries(parts)) {
      for (const element of [elements].flat()) element.hidden = name !== state;
    }
    if (busy) busy.setAttribute("aria-busy", state === "loading" ? "true" : "false");
  };
}

/** Status badge: a word, never colour alone. */
export function statusBadge(status, label) {
  return h("span", { class: `badge badge-${status}`, dataset: { testid: "status-badge", status } }, label);
}
