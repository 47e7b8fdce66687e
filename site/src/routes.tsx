/**
 * The site's one route table: each page's URL, component, title and place in the navigation.
 * The router, the main navigation and the settings tabs all read it, so a page is added here once.
 */
import type { ComponentType, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
// The library, the page most visits open on, is in the first bundle rather than fetched on
// first use: its first render then waits on no module requests of its own.
import { Library } from "./pages/Library";
import { NotFound } from "./pages/NotFound";

/** A page whose module is fetched on first use; `preload` fetches it ahead. */
type LazyPage<P> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * A page loaded on first use, so the first paint carries only the page asked for. Renders
 * nothing until its module arrives.
 */
function lazy<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component;
    });
    return loading;
  };
  function Page(props: P) {
    const [, setReady] = useState(false);
    // Waits even when the module has arrived since the render: that render showed nothing.
    useEffect(() => {
      let current = true;
      void preload().then(() => current && setReady(true));
      return () => {
        current = false;
      };
    }, []);
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : null;
  }
  return Object.assign(Page, { preload });
}

const MovieDetail = lazy(() => import("./pages/MovieDetail").then((m) => m.MovieDetail));
const AddMovie = lazy(() => import("./pages/AddMovie").then((m) => m.AddMovie));
const Trending = lazy(() => import("./pages/Trending").then((m) => m.Trending));
const Discover = lazy(() => import("./pages/Discover").then((m) => m.Discover));
const DiscoverMovie = lazy(() => import("./pages/DiscoverMovie").then((m) => m.DiscoverMovie));
const ComingSoon = lazy(() => import("./pages/ComingSoon").then((m) => m.ComingSoon));
const Calendar = lazy(() => import("./pages/Calendar").then((m) => m.Calendar));
const Wanted = lazy(() => import("./pages/Wanted").then((m) => m.Wanted));
const Activity = lazy(() => import("./pages/Activity").then((m) => m.Activity));
const Lists = lazy(() => import("./pages/Lists").then((m) => m.Lists));
const ListDetail = lazy(() => import("./pages/ListDetail").then((m) => m.ListDetail));
const Parse = lazy(() => import("./pages/Parse").then((m) => m.Parse));
const Settings = lazy(() => import("./pages/Settings").then((m) => m.Settings));
const QualityProfiles = lazy(() => import("./pages/QualityProfiles").then((m) => m.QualityProfiles));
const CustomFormats = lazy(() => import("./pages/CustomFormats").then((m) => m.CustomFormats));
const QualityDefinitions = lazy(() => import("./pages/QualityDefinitions").then((m) => m.QualityDefinitions));
const IndexerSettings = lazy(() => import("./pages/IndexerSettings").then((m) => m.IndexerSettings));
const DownloadClientSettings = lazy(() =>
  import("./pages/DownloadClientSettings").then((m) => m.DownloadClientSettings),
);
const NotificationSettings = lazy(() => import("./pages/NotificationSettings").then((m) => m.NotificationSettings));
const StreamingSettings = lazy(() => import("./pages/StreamingSettings").then((m) => m.StreamingSettings));
const MigrateRadarr = lazy(() => import("./pages/MigrateRadarr").then((m) => m.MigrateRadarr));
const MediaManagementSettings = lazy(() =>
  import("./pages/MediaManagementSettings").then((m) => m.MediaManagementSettings),
);
const ProfileRulesSettings = lazy(() => import("./pages/ProfileRulesSettings").then((m) => m.ProfileRulesSettings));
const UiSettings = lazy(() => import("./pages/UiSettings").then((m) => m.UiSettings));
const System = lazy(() => import("./pages/System").then((m) => m.System));
const SystemTasks = lazy(() => import("./pages/SystemTasks").then((m) => m.SystemTasks));
const SystemLogs = lazy(() => import("./pages/SystemLogs").then((m) => m.SystemLogs));
const SystemUpdates = lazy(() => import("./pages/SystemUpdates").then((m) => m.SystemUpdates));
const SystemBackup = lazy(() => import("./pages/SystemBackup").then((m) => m.SystemBackup));
const SystemQueue = lazy(() => import("./pages/SystemQueue").then((m) => m.SystemQueue));
const SystemEvents = lazy(() => import("./pages/SystemEvents").then((m) => m.SystemEvents));
const ReleaseGroups = lazy(() => import("./pages/ReleaseGroups").then((m) => m.ReleaseGroups));
const ReleaseGroupDetail = lazy(() => import("./pages/ReleaseGroupDetail").then((m) => m.ReleaseGroupDetail));

/** The main navigation's entries; a page belongs to one, which is marked current while it shows. */
type Section =
  | "library"
  | "add"
  | "trending"
  | "discover"
  | "comingSoon"
  | "calendar"
  | "wanted"
  | "activity"
  | "lists"
  | "parse"
  | "groups"
  | "settings"
  | "system";

interface PageRoute {
  /** The URL; a `:name` segment is a parameter, handed to `render`. */
  path: string;
  title: string;
  section: Section;
  /** Where the page is linked: an entry of the main navigation or a tab of the settings pages. */
  nav?: "main" | "settings";
  /** The page, or null when the parameters name nothing (the path is then not found). */
  render: (params: Record<string, string>) => JSX.Element | null;
}

const isId = (value: string) => /^\d+$/.test(value);

const ROUTES: PageRoute[] = [
  { path: "/", title: "Library", section: "library", nav: "main", render: () => <Library /> },
  { path: "/library", title: "Library", section: "library", render: () => <Library /> },
  {
    path: "/movie/:id",
    title: "Movie",
    section: "library",
    render: ({ id }) => (isId(id) ? <MovieDetail key={id} id={Number(id)} /> : null),
  },
  { path: "/add", title: "Add movie", section: "add", nav: "main", render: () => <AddMovie /> },
  { path: "/trending", title: "Trending", section: "trending", nav: "main", render: () => <Trending /> },
  { path: "/discover", title: "Discover", section: "discover", nav: "main", render: () => <Discover /> },
  {
    path: "/discover/movie/:tmdbId",
    title: "Discover",
    section: "discover",
    render: ({ tmdbId }) => (isId(tmdbId) ? <DiscoverMovie key={tmdbId} tmdbId={Number(tmdbId)} /> : null),
  },
  { path: "/coming-soon", title: "Coming soon", section: "comingSoon", nav: "main", render: () => <ComingSoon /> },
  { path: "/calendar", title: "Calendar", section: "calendar", nav: "main", render: () => <Calendar /> },
  {
    path: "/wanted",
    title: "Wanted",
    section: "wanted",
    nav: "main",
    render: () => <Wanted key="missing" tab="missing" />,
  },
  { path: "/wanted/missing", title: "Wanted", section: "wanted", render: () => <Wanted key="missing" tab="missing" /> },
  { path: "/wanted/cutoff", title: "Wanted", section: "wanted", render: () => <Wanted key="cutoff" tab="cutoff" /> },
  { path: "/activity", title: "Activity", section: "activity", nav: "main", render: () => <Activity tab="queue" /> },
  {
    path: "/activity/:tab",
    title: "Activity",
    section: "activity",
    // An unknown tab is the Activity page's own "not found".
    render: ({ tab }) => <Activity tab={tab} />,
  },
  { path: "/lists", title: "Lists", section: "lists", nav: "main", render: () => <Lists /> },
  {
    path: "/lists/:id",
    title: "List",
    section: "lists",
    render: ({ id }) => (isId(id) ? <ListDetail key={id} id={Number(id)} /> : null),
  },
  { path: "/parse", title: "Parse", section: "parse", nav: "main", render: () => <Parse /> },
  { path: "/groups", title: "Groups", section: "groups", nav: "main", render: () => <ReleaseGroups /> },
  {
    path: "/groups/:name",
    title: "Release group",
    section: "groups",
    render: ({ name }) => <ReleaseGroupDetail key={name} name={decodeURIComponent(name)} />,
  },
  { path: "/settings", title: "Settings", section: "settings", nav: "main", render: () => <Settings /> },
  // The settings tabs, in their order; "General" is /settings itself.
  {
    path: "/settings/profiles",
    title: "Quality profiles",
    section: "settings",
    nav: "settings",
    render: () => <QualityProfiles />,
  },
  {
    path: "/settings/customformats",
    title: "Custom formats",
    section: "settings",
    nav: "settings",
    render: () => <CustomFormats />,
  },
  {
    path: "/settings/quality",
    title: "Quality definitions",
    section: "settings",
    nav: "settings",
    render: () => <QualityDefinitions />,
  },
  {
    path: "/settings/indexers",
    title: "Indexers",
    section: "settings",
    nav: "settings",
    render: () => <IndexerSettings />,
  },
  {
    path: "/settings/downloadclients",
    title: "Download clients",
    section: "settings",
    nav: "settings",
    render: () => <DownloadClientSettings />,
  },
  {
    path: "/settings/connect",
    title: "Notifications",
    section: "settings",
    nav: "settings",
    render: () => <NotificationSettings />,
  },
  {
    path: "/settings/streaming",
    title: "Streaming",
    section: "settings",
    nav: "settings",
    render: () => <StreamingSettings />,
  },
  {
    path: "/settings/migrate",
    title: "Migrate from Radarr",
    section: "settings",
    nav: "settings",
    render: () => <MigrateRadarr />,
  },
  {
    path: "/settings/mediamanagement",
    title: "Media management",
    section: "settings",
    nav: "settings",
    render: () => <MediaManagementSettings />,
  },
  {
    path: "/settings/profilerules",
    title: "Delay & release profiles",
    section: "settings",
    nav: "settings",
    render: () => <ProfileRulesSettings />,
  },
  { path: "/settings/ui", title: "UI", section: "settings", nav: "settings", render: () => <UiSettings /> },
  { path: "/system", title: "System", section: "system", nav: "main", render: () => <System /> },
  { path: "/system/tasks", title: "Tasks", section: "system", render: () => <SystemTasks /> },
  { path: "/system/logs", title: "Logs", section: "system", render: () => <SystemLogs /> },
  { path: "/system/updates", title: "Updates", section: "system", render: () => <SystemUpdates /> },
  { path: "/system/backup", title: "Backup", section: "system", render: () => <SystemBackup /> },
  { path: "/system/queue", title: "Queue", section: "system", render: () => <SystemQueue /> },
  { path: "/system/events", title: "Events", section: "system", render: () => <SystemEvents /> },
];

/** The settings tabs: the general page first, then every page the table files under settings. */
export const SETTINGS_TABS = [
  { href: "/settings", label: "General" },
  ...ROUTES.filter((route) => route.nav === "settings").map((route) => ({ href: route.path, label: route.title })),
];

/** The main navigation, in table order. */
export const MAIN_NAV = ROUTES.filter((route) => route.nav === "main").map((route) => ({
  href: route.path,
  label: route.title,
  section: route.section,
}));

function paramsOf(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    if (segment.startsWith(":")) {
      if (!got[i]) return undefined;
      params[segment.slice(1)] = got[i];
    } else if (segment !== got[i]) return undefined;
  }
  return params;
}

/** The page a path shows, and its route (none for a path not found). */
export function resolve(path: string): { route?: PageRoute; page: JSX.Element } {
  for (const route of ROUTES) {
    const params = paramsOf(route.path, path);
    const page = params && route.render(params);
    if (page) return { route, page };
  }
  return { page: <NotFound /> };
}

/** The folder a route's path lies in ("/movie/" for "/movie/:id"); none for a top-level page. */
function folderOf(pattern: string): string | undefined {
  const folder = pattern.slice(0, pattern.lastIndexOf("/") + 1);
  return folder === "/" ? undefined : folder;
}

/**
 * Whether a main navigation entry is current: a page of its section matches the path, or the
 * path lies in the folder of one (an unknown /settings/… still marks Settings).
 */
export function isCurrentSection(section: Section, path: string): boolean {
  return ROUTES.some((route) => {
    if (route.section !== section) return false;
    const folder = folderOf(route.path);
    return paramsOf(route.path, path) !== undefined || (folder !== undefined && path.startsWith(folder));
  });
}

/** Starts fetching the module of the page a path shows, e.g. alongside the session check at start. */
export function preloadPage(path: string): void {
  const { type } = resolve(path).page;
  if (typeof type === "function" && "preload" in type) void (type as LazyPage<object>).preload();
}
