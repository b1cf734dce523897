// Live updates: one WebSocket per subject (an idea, a leaderboard). Messages are JSON objects
// dispatched on `type`; they carry absolute state, and the first one of every connection is the
// server's snapshot, taken as the whole truth, so a reconnect heals whatever was missed. After an
// unexpected close the socket reconnects with exponential backoff and full jitter; after 4401
// (not signed in), 4404 (not found) or 4400 (bad query) it stops. Sockets only listen: writes go
// over HTTP (api.js).

import { loginUrl } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

export const CLOSE_BAD_REQUEST = 4400;
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_NOT_FOUND = 4404;
// 4403 (a foreign origin) is refused before the handshake, so browsers see 1006 instead; kept
// here in case a proxy passes it through.
const TERMINAL_CODES = new Set([CLOSE_BAD_REQUEST, CLOSE_UNAUTHENTICATED, 4403, CLOSE_NOT_FOUND]);

const DEFAULTS = {
  baseMs: 500, // the first retry waits up to this long
  capMs: 15_000, // no retry waits longer
  hiddenPauseMs: 5 * 60_000, // a page hidden this long lets its sockets go until it is shown again
};

/** The sockets this page holds open (or is reopening). */
const registry = new Set();
let redirecting = false;
let hiddenTimer = null;
let lifecycleBound = false;

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

/**
 * One live subscription. Status: "idle" (not started or stopped by the page), "connecting",
 * "live" (the snapshot has arrived), "reconnecting", "paused" (the page was hidden long) or
 * "stopped" (the server refused it for good).
 *
 * handlers: {snapshot(message), tally(message), …} by message type.
 * A message with a `seq` older than the last one seen on this subscription is dropped; the
 * first message of each connection is always applied and sets the seq afresh.
 *
 * `snapshot: false` is for subjects whose server sends nothing until something happens (the
 * person's notifications): there the open connection itself counts as live.
 */
export class LiveSocket {
  constructor(path, { handlers = {}, onStatus = null, onStopped = null, snapshot = true } = {}) {
    this.path = path;
    this.handlers = handlers;
    this.expectsSnapshot = snapshot;
    this.onStopped = onStopped;
    this.listeners = new Set(onStatus ? [onStatus] : []);
    this.status = "idle";
    this.closeCode = null;
    this.ws = null;
    this.attempt = 0;
    this.timer = null;
    this.running = false;
    this.paused = false;
    this.everLive = false;
    this.awaitingSnapshot = false;
    this.lastSeq = null;
    this.settings = config();
  }

  start() {
    if (this.running) return this;
    this.running = true;
    registry.add(this);
    bindLifecycle();
    this.connect();
    return this;
  }

  /** Close for good (the page no longer shows this subject). */
  stop() {
    this.running = false;
    registry.delete(this);
    clearTimeout(this.timer);
    this.timer = null;
    this.dropSocket(1000);
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
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    let ws;
    try {
      ws = new WebSocket(socketUrl(this.path));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.awaitingSnapshot = this.expectsSnapshot;
    if (!this.expectsSnapshot) {
      ws.addEventListener("open", () => {
        if (ws === this.ws) this.opened();
      });
    }
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
    const seq = typeof message.seq === "number" ? message.seq : null;
    if (this.awaitingSnapshot) {
      this.awaitingSnapshot = false;
      this.attempt = 0; // only a connection that delivered its snapshot counts as healthy
      this.everLive = true;
      if (seq !== null) this.lastSeq = seq;
      this.setStatus("live");
    } else if (seq !== null) {
      if (this.lastSeq !== null && seq < this.lastSeq) return;
      this.lastSeq = seq;
    }
    const handler = this.handlers[message.type];
    if (handler) handler(message, this);
  }

  /** Without a snapshot to wait for, an open connection is a healthy one. */
  opened() {
    this.attempt = 0;
    this.everLive = true;
    this.setStatus("live");
  }

  closed(code) {
    this.ws = null;
    this.closeCode = code;
    if (!this.running) return;
    if (this.paused) {
      this.setStatus("paused");
      return;
    }
    if (TERMINAL_CODES.has(code)) {
      this.running = false;
      registry.delete(this);
      this.setStatus("stopped");
      if (code === CLOSE_UNAUTHENTICATED && !redirecting) {
        redirecting = true;
        window.location.assign(loginUrl());
      }
      if (this.onStopped) this.onStopped(code, this);
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const delay = backoffDelay(this.attempt, this.settings);
    this.attempt += 1;
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Waiting to retry? Then retry at once (the network is back, the page is shown again). */
  retryNow() {
    if (this.running && !this.paused && this.timer !== null) this.connect();
  }

  pause() {
    if (!this.running || this.paused) return;
    this.paused = true;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.ws) this.dropSocket(1000);
    else this.setStatus("paused");
  }

  resume() {
    if (!this.running || !this.paused) return;
    this.paused = false;
    this.attempt = 0;
    this.connect();
  }

  dropSocket(code) {
    const ws = this.ws;
    if (!ws) return;
    if (!this.running || this.paused) this.ws = null;
    try {
      ws.close(code);
    } catch {
      // already closing
    }
    if (this.paused) this.setStatus("paused");
  }
}

function bindLifecycle() {
  if (lifecycleBound) return;
  lifecycleBound = true;
  window.addEventListener("online", () => {
    for (const socket of registry) socket.retryNow();
  });
  document.addEventListener("visibilitychange", () => {
    clearTimeout(hiddenTimer);
    hiddenTimer = null;
    if (document.visibilityState === "hidden") {
      const { hiddenPauseMs } = config();
      if (hiddenPauseMs > 0) {
        hiddenTimer = setTimeout(() => {
          for (const socket of registry) socket.pause();
        }, hiddenPauseMs);
      }
    } else {
      for (const socket of registry) {
        socket.resume();
        socket.retryNow();
      }
    }
  });
}

// A hook for tests and for a curious person at the console: what is open, and a way to cut
// every socket (or those whose path starts with `prefix`) as a network drop would (the sockets
// then reconnect on their own).
window.__gagasanLive = {
  get sockets() {
    return [...registry].map((s) => ({ path: s.path, status: s.status, seq: s.lastSeq }));
  },
  drop(prefix = "") {
    let dropped = 0;
    for (const socket of registry) {
      if (socket.ws && socket.path.startsWith(prefix)) {
        socket.ws.close(4000, "dropped");
        dropped += 1;
      }
    }
    return dropped;
  },
};

const STATUS_PRIORITY = ["reconnecting", "connecting", "paused", "live", "stopped"];

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
    document.addEventListener("gagasan:langchange", () => this.render(true));
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

  render(force = false) {
    if (!this.element) return;
    const state = this.current();
    if (state === this.state && !force) return;
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
      h("span", { class: "live-text" }, t(`live.${state}`)),
    );
  }
}
