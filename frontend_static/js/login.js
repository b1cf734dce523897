// Sign-in page: session login, then back to where the visitor was going.

import { api, ApiError, errorMessage } from "./api.js";
import { t } from "./i18n.js";
import { renderLayout } from "./layout.js";

/** Only a path on this site: never another origin (`//host`, `https:`), to avoid open redirects. */
function safeNext() {
  const next = new URLSearchParams(window.location.search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  if (next.startsWith("/login/")) return "/";
  return next;
}

function loginFailureMessage(error) {
  if (!(error instanceof ApiError)) return t("Something went wrong. Please try again.");
  if (error.status === 400) {
    const messages = error.messages;
    return messages.length ? messages.join(" ") : t("Wrong username or password.");
  }
  return errorMessage(error);
}

function init() {
  renderLayout({ signedIn: false });

  const form = document.getElementById("login-form");
  const errorBox = document.getElementById("login-error");
  const submit = document.getElementById("login-submit");
  const username = document.getElementById("username");
  const password = document.getElementById("password");

  const showError = (message) => {
    errorBox.hidden = false;
    errorBox.textContent = message;
    for (const input of [username, password]) input.setAttribute("aria-invalid", "true");
    username.setAttribute("aria-describedby", "login-error");
  };
  const clearError = () => {
    errorBox.hidden = true;
    errorBox.textContent = "";
    for (const input of [username, password]) input.removeAttribute("aria-invalid");
    username.removeAttribute("aria-describedby");
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    submit.disabled = true;
    submit.textContent = t("Signing in…");
    try {
      await api("/api/auth/login/", {
        method: "POST",
        body: { username: username.value.trim(), password: password.value },
        redirectOn401: false,
      });
      window.location.assign(safeNext());
      return;
    } catch (error) {
      showError(loginFailureMessage(error));
      password.value = "";
      username.focus();
    }
    submit.disabled = false;
    submit.textContent = t("Sign in");
  });

  // Already signed in: nothing to do here.
  api("/api/me/", { redirectOn401: false }).then(
    () => window.location.replace(safeNext()),
    () => {},
  );
  username.focus();
}

init();
