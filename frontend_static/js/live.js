// Live updates: every subject the page shows (ideas, a leaderboard, the person's notifications)
// travels over ONE WebSocket per tab, /ws/live/, which takes subscribe and unsubscribe messages
// and sends the frames of the single-subject sockets (README §Live updates). Messages are JSON
// objects dispatched on `type`; they carry absolute state, and the first one of every
// subscription is the server's snapshot, taken as the whole truth, so a reconnect (which
// subscribes everything again) heals whatever was missed. After an unexpected close the socket
// reconnects with exponential backoff and full jitter; 4401 (not signed in) ends it, and a
// subscription the server refuses (with the single socket's close code: 4400, 4403, 4404)
// stops alone. A subject /ws/live/ does not carry (the dashboard's /ws/dashboard/) has a socket
// of its own, OwnSocket, that behaves the same way. Sockets only listen: writes go over HTTP
// (api.js).

import { loginUrl } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

export const CLOSE_BAD_REQUEST = 4400;
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NOT_FOUND = 4404;
// What a single-subject socket closes with when its subject will never be served: no retry.
const CLOSED_FOR_GOOD = new Set([CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN, CLOSE_NOT_FOUND]);
const LIVE_PATH = "/ws/live/";
const IDLE_CLOSE_MS = 2000;

const DEFAULTS = {
  baseMs: 500, // the first retry waits up to this long
  capMs: 15_000, // no retry waits longer
  hiddenPauseMs: 5 * 60_000, // a page hidden this long lets its socket go until it is shown again
};

function config() {
  // Tests may shorten the delays before the page's scripts run (window.__gagasanLiveConfig).
  const override = window.__gagasanLiveConfig;
  return { ...DEFAULTS, ...(override && typeof override === "object" ? override : {}) };
}

/** ws:// or wss:// on this page's host, following the page's own scheme. */
export function socketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${path}`;
}

/** The wait before reconnect attempt `attempt` (0, 1, 2, …): anywhere from 0 up to the capped
 * exponential, so that many clients dropped together do not return together. */
export function backoffDelay(attempt, { baseMs, capMs }, random = Math.random) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** What to ask /ws/live/ for, from a single-subject socket's path. */
export function subscriptionFor(path) {
  const url = new URL(path, window.location.origin);
  const idea = url.pathname.match(/^\/ws\/ideas\/(\d+)\/$/);
  if (idea) return { topic: "idea", idea: Number(idea[1]) };
  if (url.pathname === "/ws/notifications/") return { topic: "notifications" };
  if (url.pathname === "/ws/leaderboard/") {
    const request = { topic: "leaderboard" };
    for (const name of ["campaign", "by", "limit"]) {
      const value = url.searchParams.get(name);
      if (value !== null) request[name] = /^\d+$/.test(value) ? Number(value) : value;
    }
    return request;
  }
  throw new Error(`no live subject at ${path}`);
}

function sameRequest(a, b) {
  if (!a || !b) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete("type");
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** Whether a frame belongs to the subscription that asked for `request`. */
function frameMatches(request, message) {
  switch (message.type) {
    case "snapshot":
    case "tally":
    case "status":
    case "comment":
    case "comment_withdrawn":
      return request.topic === "idea" && request.idea === message.idea;
    case "leaderboard":
      return (
        request.topic === "leaderboard" &&
        request.campaign === message.campaign &&
        (request.by || "votes") === message.by
      );
    case "notification":
    case "subscribed":
      return request.topic === "notifications";
    default:
      return false;
  }
}

/** The tab's one socket: it opens with the first subscription and closes after the last. */
class Connection {
  constructor() {
    this.subscriptions = new Set();
    this.ws = null;
    this.open = false;
    this.attempt = 0;
    this.timer = null;
    this.paused = false;
    this.everOpen = false;
    this.idleTimer = null;
  }

  add(subscription) {
    this.subscriptions.add(subscription);
    clearTimeout(this.idleTimer);
    this.idleTimer = null;
    bindLifecycle();
    if (this.open) {
      subscription.connecting(false);
      this.send("subscribe", subscription);
    } else if (!this.ws && this.timer === null && !this.paused) {
      this.connect();
    } else {
      subscription.connecting(this.everOpen);
    }
  }

  remove(subscription) {
    this.subscriptions.delete(subscription);
    const shared = [...this.subscriptions].some((s) => sameRequest(s.request, subscription.request));
    if (this.open && !shared) this.send("unsubscribe", subscription);
    if (this.subscriptions.size === 0) {
      clearTimeout(this.timer);
      this.timer = null;
      // A page that redraws (the feed's next page) stops its subjects and starts new ones at
      // once: keep the socket a moment rather than reconnect.
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        if (this.subscriptions.size === 0) this.drop(1000);
      }, IDLE_CLOSE_MS);
    }
  }

  send(type, subscription) {
    try {
      this.ws.send(JSON.stringify({ type, ...subscription.request }));
    } catch {
      // closing: the next connection subscribes again
    }
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.paused || this.subscriptions.size === 0) return;
    for (const subscription of this.subscriptions) subscription.connecting(this.everOpen);
    let ws;
    try {
      ws = new WebSocket(socketUrl(LIVE_PATH));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.addEventListener("open", () => {
      if (ws !== this.ws) return;
      this.open = true;
      this.everOpen = true;
      for (const subscription of this.subscriptions) this.send("subscribe", subscription);
    });
    ws.addEventListener("message", (event) => {
      if (ws === this.ws) this.receive(event.data);
    });
    // Every failure ends in "close", which decides what comes next.
    ws.addEventListener("close", (event) => {
      if (ws === this.ws) this.closed(event.code);
    });
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message.type !== "string") return;
    this.attempt = 0; // only a connection that delivers counts as healthy
    if (message.type === "error") {
      for (const subscription of [...this.subscriptions]) {
        if (sameRequest(subscription.request, message.request)) {
          this.subscriptions.delete(subscription);
          subscription.refused(message.close_code);
        }
      }
      return;
    }
    for (const subscription of this.subscriptions) {
      if (frameMatches(subscription.request, message)) subscription.receive(message);
    }
  }

  closed(code) {
    this.ws = null;
    this.open = false;
    if (this.subscriptions.size === 0) return;
    if (this.paused) {
      for (const subscription of this.subscriptions) subscription.setStatus("paused");
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED) {
      const refused = [...this.subscriptions];
      this.subscriptions.clear();
      for (const subscription of refused) subscription.refused(code);
      if (!redirecting) {
        redirecting = true;
        window.location.assign(loginUrl());
      }
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const delay = backoffDelay(this.attempt, config());
    this.attempt += 1;
    for (const subscription of this.subscriptions) subscription.connecting(this.everOpen);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Waiting to retry? Then retry at once (the network is back, the page is shown again). */
  retryNow() {
    if (!this.paused && this.timer !== null) this.connect();
  }

  pause() {
    if (this.paused || this.subscriptions.size === 0) return;
    this.paused = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.drop(1000);
    for (const subscription of this.subscriptions) subscription.setStatus("paused");
  }

  resume() {
    if (!this.paused) return;
    this.paused = false;
    this.attempt = 0;
    this.connect();
  }

  drop(code) {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.open = false;
    try {
      ws.close(code);
    } catch {
      // already closing
    }
  }

  /** A network drop, as tests and the console make one: the socket reconnects on its own. */
  cut() {
    if (this.ws) this.ws.close(4000, "dropped");
  }
}

const connection = new Connection();
let redirecting = false;
let hiddenTimer = null;
let lifecycleBound = false;

/**
 * One live subject, carried by the tab's one socket. Status: "idle" (not started or stopped by
 * the page), "connecting", "live" (its snapshot has arrived), "reconnecting", "paused" (the
 * page was hidden long) or "stopped" (the server refused it for good).
 *
 * `path` names the subject as the single-subject sockets do (`/ws/ideas/12/`,
 * `/ws/leaderboard/?campaign=3&by=votes&limit=50`, `/ws/notifications/`).
 * handlers: {snapshot(message), tally(message), …} by message type.
 * A message with a `seq` older than the last one seen on this subscription is dropped; the
 * first message of each (re)subscription is always applied and sets the seq afresh.
 */
export class LiveSocket {
  constructor(path, { handlers = {}, onStatus = null, onStopped = null } = {}) {
    this.path = path;
    this.request = { topic: "", ...subscriptionFor(path) };
    this.handlers = handlers;
    this.onStopped = onStopped;
    this.listeners = new Set(onStatus ? [onStatus] : []);
    this.status = "idle";
    this.closeCode = null;
    this.running = false;
    this.awaitingSnapshot = false;
    this.lastSeq = null;
  }

  start() {
    if (this.running) return this;
    this.running = true;
    connection.add(this);
    return this;
  }

  /** Stop listening for good (the page no longer shows this subject). */
  stop() {
    if (!this.running) return;
    this.running = false;
    connection.remove(this);
    this.setStatus("idle");
  }

  onStatus(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status, this);
  }

  connecting(again) {
    this.awaitingSnapshot = true;
    this.setStatus(again ? "reconnecting" : "connecting");
  }

  receive(message) {
    if (!this.running) return;
    const seq = typeof message.seq === "number" ? message.seq : null;
    if (this.awaitingSnapshot) {
      this.awaitingSnapshot = false;
      if (seq !== null) this.lastSeq = seq;
      this.setStatus("live");
    } else if (seq !== null) {
      if (this.lastSeq !== null && seq < this.lastSeq) return;
      this.lastSeq = seq;
    }
    const handler = this.handlers[message.type];
    if (handler) handler(message, this);
  }

  refused(code) {
    this.running = false;
    this.closeCode = code;
    this.setStatus("stopped");
    if (this.onStopped) this.onStopped(code, this);
  }
}

const ownSockets = new Set();

/**
 * A subject on a socket of its own (`path`, e.g. `/ws/dashboard/?campaign=3`), for what
 * /ws/live/ does not carry; the same face as LiveSocket (start, stop, status, onStatus,
 * handlers by type, onStopped), so LiveStatus shows it too. It reconnects after an unexpected
 * close with the same backoff, sends the person to sign-in on 4401, and stops for good on
 * 4400, 4403 or 4404. Frames carry absolute state with a `seq` that only grows (the
 * dashboard's is the time it was computed): one whose seq is not greater than the last one
 * seen is stale and dropped, also across reconnects (the server's first frame may repeat what
 * the page already has).
 */
export class OwnSocket {
  constructor(path, { handlers = {}, onStatus = null, onStopped = null } = {}) {
    this.path = path;
    this.handlers = handlers;
    this.onStopped = onStopped;
    this.listeners = new Set(onStatus ? [onStatus] : []);
    this.status = "idle";
    this.closeCode = null;
    this.running = false;
    this.paused = false;
    this.everOpen = false;
    this.attempt = 0;
    this.timer = null;
    this.ws = null;
    this.lastSeq = null;
  }

  start() {
    if (this.running) return this;
    this.running = true;
    ownSockets.add(this);
    bindLifecycle();
    this.connect();
    return this;
  }

  stop() {
    if (!this.running) return;
    this.running = false;
    ownSockets.delete(this);
    clearTimeout(this.timer);
    this.timer = null;
    this.drop(1000);
    this.setStatus("idle");
  }

  onStatus(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status, this);
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running || this.paused) return;
    this.setStatus(this.everOpen ? "reconnecting" : "connecting");
    let ws;
    try {
      ws = new WebSocket(socketUrl(this.path));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    let delivered = false;
    ws.addEventListener("open", () => {
      if (ws === this.ws) this.everOpen = true;
    });
    ws.addEventListener("message", (event) => {
      if (ws !== this.ws) return;
      if (!delivered) {
        delivered = true;
        this.attempt = 0; // only a connection that delivers counts as healthy
      }
      this.receive(event.data);
    });
    ws.addEventListener("close", (event) => {
      if (ws === this.ws) this.closed(event.code);
    });
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message.type !== "string") return;
    this.setStatus("live");
    const seq = typeof message.seq === "number" ? message.seq : null;
    if (seq !== null) {
      if (this.lastSeq !== null && seq <= this.lastSeq) return;
      this.lastSeq = seq;
    }
    const handler = this.handlers[message.type];
    if (handler) handler(message, this);
  }

  closed(code) {
    this.ws = null;
    if (!this.running) return;
    if (this.paused) {
      this.setStatus("paused");
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED || CLOSED_FOR_GOOD.has(code)) {
      this.running = false;
      ownSockets.delete(this);
      this.closeCode = code;
      this.setStatus("stopped");
      if (this.onStopped) this.onStopped(code, this);
      if (code === CLOSE_UNAUTHENTICATED && !redirecting) {
        redirecting = true;
        window.location.assign(loginUrl());
      }
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const delay = backoffDelay(this.attempt, config());
    this.attempt += 1;
    this.setStatus(this.everOpen ? "reconnecting" : "connecting");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  retryNow() {
    if (this.running && !this.paused && this.timer !== null) this.connect();
  }

  pause() {
    if (this.paused || !this.running) return;
    this.paused = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.drop(1000);
    this.setStatus("paused");
  }

  resume() {
    if (!this.paused) return;
    this.paused = false;
    this.attempt = 0;
    this.connect();
  }

  drop(code) {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    try {
      ws.close(code);
    } catch {
      // already closing
    }
  }

  /** A network drop, as tests make one: it reconnects on its own. */
  cut() {
    if (this.ws) this.ws.close(4000, "dropped");
  }
}

function bindLifecycle() {
  if (lifecycleBound) return;
  lifecycleBound = true;
  window.addEventListener("online", () => {
    connection.retryNow();
    for (const socket of ownSockets) socket.retryNow();
  });
  document.addEventListener("visibilitychange", () => {
    clearTimeout(hiddenTimer);
    hiddenTimer = null;
    if (document.visibilityState === "hidden") {
      const { hiddenPauseMs } = config();
      const pauseAll = () => {
        connection.pause();
        for (const socket of ownSockets) socket.pause();
      };
      if (hiddenPauseMs > 0) hiddenTimer = setTimeout(pauseAll, hiddenPauseMs);
    } else {
      connection.resume();
      connection.retryNow();
      for (const socket of ownSockets) {
        socket.resume();
        socket.retryNow();
      }
    }
  });
}

// A hook for tests and for a curious person at the console: the subjects followed, how many
// sockets are open, and a way to cut the tab's socket as a network drop would when it carries a
// subject whose path starts with `prefix` (it reconnects on its own); answers how many such
// subjects there were.
window.__gagasanLive = {
  get sockets() {
    return [...connection.subscriptions, ...ownSockets].map((s) => ({
      path: s.path,
      status: s.status,
      seq: s.lastSeq,
    }));
  },
  get connections() {
    return (connection.ws ? 1 : 0) + [...ownSockets].filter((s) => s.ws).length;
  },
  drop(prefix = "") {
    const matching = [...connection.subscriptions].filter((s) => s.path.startsWith(prefix));
    if (matching.length) connection.cut();
    const own = [...ownSockets].filter((s) => s.path.startsWith(prefix));
    for (const socket of own) socket.cut();
    return matching.length + own.length;
  },
};

const STATUS_PRIORITY = ["reconnecting", "connecting", "paused", "live", "stopped"];
const STATUS_TEXT = {
  reconnecting: "Reconnecting…",
  connecting: "Connecting…",
  paused: "Paused",
  live: "Live",
  stopped: "Not live",
};

/**
 * The small "Langsung" / "Menyambung ulang…" line for one or many sockets, in `element` (which
 * the page marks up with role="status" and aria-live="polite"). With several sockets it shows
 * the worst state among them.
 */
export class LiveStatus {
  constructor(element) {
    this.element = element;
    this.sockets = new Map(); // socket -> unsubscribe
    this.state = null;
  }

  track(socket) {
    if (this.sockets.has(socket)) return socket;
    this.sockets.set(
      socket,
      socket.onStatus(() => this.render()),
    );
    this.render();
    return socket;
  }

  untrack(socket) {
    const unsubscribe = this.sockets.get(socket);
    if (unsubscribe) unsubscribe();
    this.sockets.delete(socket);
    this.render();
  }

  clear() {
    for (const socket of [...this.sockets.keys()]) this.untrack(socket);
  }

  current() {
    const states = new Set([...this.sockets.keys()].map((s) => s.status));
    states.delete("idle");
    for (const state of STATUS_PRIORITY) if (states.has(state)) return state;
    return null;
  }

  render() {
    if (!this.element) return;
    const state = this.current();
    if (state === this.state) return;
    this.state = state;
    if (state === null) {
      this.element.hidden = true;
      this.element.replaceChildren();
      delete this.element.dataset.state;
      return;
    }
    this.element.hidden = false;
    this.element.dataset.state = state;
    this.element.replaceChildren(
      h("span", { class: "live-dot", "aria-hidden": "true" }),
      h("span", { class: "live-text" }, t(STATUS_TEXT[state])),
    );
  }
}
