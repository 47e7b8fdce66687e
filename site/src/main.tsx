import { render } from "preact";
import { useEffect } from "preact/hooks";
import { Activity } from "./pages/Activity";
import { AddMovie } from "./pages/AddMovie";
import { ComingSoon } from "./pages/ComingSoon";
import { CustomFormats } from "./pages/CustomFormats";
import { DownloadClientSettings } from "./pages/DownloadClientSettings";
import { IndexerSettings } from "./pages/IndexerSettings";
import { Layout } from "./pages/Layout";
import { Library } from "./pages/Library";
import { ListDetail } from "./pages/ListDetail";
import { Lists } from "./pages/Lists";
import { Login } from "./pages/Login";
import { MovieDetail } from "./pages/MovieDetail";
import { NotFound } from "./pages/NotFound";
import { NotificationSettings } from "./pages/NotificationSettings";
import { Parse } from "./pages/Parse";
import { QualityDefinitions } from "./pages/QualityDefinitions";
import { QualityProfiles } from "./pages/QualityProfiles";
import { Settings } from "./pages/Settings";
import { StreamingSettings } from "./pages/StreamingSettings";
import { System } from "./pages/System";
import { Trending } from "./pages/Trending";
import { currentPath, matchRoute } from "./router";
import { ensureRows } from "./state/library";
import { loadReference } from "./state/reference";
import { loadSession, session, sessionError } from "./state/session";
import "./styles.css";

function Page() {
  const route = matchRoute(currentPath.value);
  switch (route.page) {
    case "library":
      return <Library />;
    case "add":
      return <AddMovie />;
    case "movie":
      return <MovieDetail key={route.id} id={route.id} />;
    case "settings":
      return <Settings />;
    case "streamingSettings":
      return <StreamingSettings />;
    case "indexerSettings":
      return <IndexerSettings />;
    case "downloadClientSettings":
      return <DownloadClientSettings />;
    case "notificationSettings":
      return <NotificationSettings />;
    case "activity":
      return <Activity tab={route.tab} />;
    case "trending":
      return <Trending />;
    case "comingSoon":
      return <ComingSoon />;
    case "qualityProfiles":
      return <QualityProfiles />;
    case "customFormats":
      return <CustomFormats />;
    case "qualityDefinitions":
      return <QualityDefinitions />;
    case "parse":
      return <Parse />;
    case "system":
      return <System />;
    case "lists":
      return <Lists />;
    case "list":
      return <ListDetail key={route.id} id={route.id} />;
    default:
      return <NotFound />;
  }
}

function App() {
  const authenticated = session.value?.authenticated;
  useEffect(() => {
    // Profiles, folders and tags name the ids the pages show; fetched beside the page's own data.
    if (authenticated) loadReference().catch(() => undefined);
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

void loadSession();
// Opening the library is the common start: ask for its first page alongside the session check
// rather than after it. Without a session it fails quietly and is asked again after login.
if (matchRoute(currentPath.value).page === "library") ensureRows(0, 1);
render(<App />, document.getElementById("app") as HTMLElement);
