import { useSignal } from "@preact/signals";
import { ErrorMessage } from "../components/ErrorMessage";
import { logIn, session } from "../state/session";

/** Exchanges the API key (or the admin password, when the server has one) for a session cookie. */
export function Login() {
  const usePassword = useSignal(session.value?.passwordLogin ?? false);
  const secret = useSignal("");
  const error = useSignal<unknown>(undefined);
  const busy = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    busy.value = true;
    error.value = undefined;
    try {
      await logIn(usePassword.value ? { password: secret.value } : { apiKey: secret.value.trim() });
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };

  const label = usePassword.value ? "Password" : "API key";
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit}>
        <h1>
          Radarr <span class="accent">Edge</span>
        </h1>
        {session.value?.demoMode && <p class="badge demo">Demo data</p>}
        <label class="field">
          <span>{label}</span>
          <input
            type="password"
            autoComplete={usePassword.value ? "current-password" : "off"}
            required
            value={secret.value}
            onInput={(e) => {
              secret.value = e.currentTarget.value;
            }}
          />
        </label>
        {!usePassword.value && (
          <p class="hint">
            The server's API key: the API_KEY secret, or the key Settings › General › Regenerate made (
            <code>npm start</code> prints the one that works).
          </p>
        )}
        <ErrorMessage error={error.value} />
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? "Logging in…" : "Log in"}
        </button>
        {session.value?.passwordLogin && (
          <button
            type="button"
            class="link"
            onClick={() => {
              usePassword.value = !usePassword.value;
              secret.value = "";
              error.value = undefined;
            }}
          >
            {usePassword.value ? "Use the API key instead" : "Use the password instead"}
          </button>
        )}
      </form>
    </main>
  );
}
