import { render } from "preact";
import { useEffect } from "preact/hooks";
import { holdReadsUntil } from "./api/transport";
import { Layout } from "./pages/Layout";
import { Login } from "./pages/Login";
import { currentPath } from "./router";
import { preloadPage, resolve } from "./routes";
import { ensureRows } from "./state/library";
import { loadReference } from "./state/reference";
import { loadSession, session, sessionError } from "./state/session";
import { restoreTheme, syncTheme } from "./state/theme";
import { AppStatus } from "./sw/AppStatus";
import { startServiceWorker } from "./sw/serviceWorker";
import "./styles.css";

/** The longest the side panels' reads wait for the session and the first page (a slow server). */
const FIRST_DATA_HOLD_MS = 1000;

function Page() {
  return resolve(currentPath.value).page;
}

function App() {
  return (
    <>
      <AppStatus />
      <Session />
    </>
  );
}

function Session() {
  const authenticated = session.value?.authenticated;
  useEffect(() => {
    // Profiles, folders and tags name the ids the pages show; fetched beside the page's own data.
    if (authenticated) loadReference().catch(() => undefined);
    if (authenticated) syncTheme().catch(() => undefined);
  }, [authenticated]);

  if (!session.value) {
    return (
      <main class="login">
        {sessionError.value ? (
          <div class="error" role="alert">
            <p>{sessionError.value}</p>
            <button type="button" onClick={() => void loadSession()}>
              Try again
            </button>
          </div>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </main>
    );
  }
  if (!authenticated) return <Login />;
  return (
    <Layout>
      <Page />
    </Layout>
  );
}

restoreTheme();
const sessionRead = loadSession();
// Opening the library is the common start: ask for its first page alongside the session check
// rather than after it. Without a session it fails quietly and is asked again after login.
const firstData =
  currentPath.value === "/" || currentPath.value === "/library"
    ? Promise.all([sessionRead, ensureRows(0, 1)])
    : sessionRead;
// The panels' own reads (queue states, saved filters, names) wait for that first data, up to a second.
holdReadsUntil(firstData, FIRST_DATA_HOLD_MS);
// The page's own module too is fetched alongside the session check, not after it.
preloadPage(currentPath.value);
// Back online after the page loaded offline: ask for the session again, then the page's data
// follows. The worker is registered (and its install caches the site) once the first data is in.
startServiceWorker(() => {
  if (!session.value) void loadSession();
}, firstData);
render(<App />, document.getElementById("app") as HTMLElement);
