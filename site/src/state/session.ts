/** Whether this browser is logged in, and what the server told us about itself. */
import { signal } from "@preact/signals";
import { api, errorMessage, type Session, setUnauthorizedHandler } from "../api";
import { invalidateLibrary } from "./library";

/** Undefined until GET /session answers. */
export const session = signal<Session | undefined>(undefined);
/** Why the session could not be read (the server is down, say). */
export const sessionError = signal<string | undefined>(undefined);

setUnauthorizedHandler(() => {
  if (session.value?.authenticated) session.value = { ...session.value, authenticated: false };
});

export async function loadSession() {
  try {
    session.value = await api.session.get();
    sessionError.value = undefined;
  } catch (error) {
    sessionError.value = errorMessage(error);
  }
}

export async function logIn(credentials: { apiKey: string } | { password: string }) {
  session.value = await api.session.login(credentials);
  // Anything fetched before logging in was refused; fetch it again with the new session.
  invalidateLibrary();
}

export async function logOut() {
  session.value = await api.session.logout();
}
