/**
 * History routing in one signal: the Worker answers every non-API path with index.html, so
 * plain paths like /movie/42 work on reload and in shared links.
 */
import { signal } from "@preact/signals";
import type { ComponentChildren, JSX } from "preact";

export const currentPath = signal(location.pathname);

window.addEventListener("popstate", () => {
  currentPath.value = location.pathname;
});

export function navigate(to: string, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  currentPath.value = location.pathname;
  window.scrollTo(0, 0);
}

export type Route =
  | { page: "library" }
  | { page: "add" }
  | { page: "movie"; id: number }
  | { page: "settings" }
  | { page: "streamingSettings" }
  | { page: "indexerSettings" }
  | { page: "downloadClientSettings" }
  | { page: "notificationSettings" }
  | { page: "activity"; tab: ActivityTab }
  | { page: "trending" }
  | { page: "comingSoon" }
  | { page: "qualityProfiles" }
  | { page: "customFormats" }
  | { page: "qualityDefinitions" }
  | { page: "parse" }
  | { page: "system" }
  | { page: "lists" }
  | { page: "list"; id: number }
  | { page: "notFound" };

/** The Activity page's tabs, each at /activity/<tab>. */
const ACTIVITY_TABS = ["queue", "history", "blocklist", "failures"] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];

export function matchRoute(path: string): Route {
  if (path === "/" || path === "/library") return { page: "library" };
  if (path === "/add") return { page: "add" };
  if (path === "/settings") return { page: "settings" };
  if (path === "/settings/streaming") return { page: "streamingSettings" };
  if (path === "/settings/indexers") return { page: "indexerSettings" };
  if (path === "/settings/downloadclients") return { page: "downloadClientSettings" };
  if (path === "/settings/connect") return { page: "notificationSettings" };
  if (path === "/activity") return { page: "activity", tab: "queue" };
  const activity = path.match(/^\/activity\/([a-z]+)$/);
  if (activity && (ACTIVITY_TABS as readonly string[]).includes(activity[1]))
    return { page: "activity", tab: activity[1] as ActivityTab };
  if (path === "/trending") return { page: "trending" };
  if (path === "/coming-soon") return { page: "comingSoon" };
  if (path === "/settings/profiles") return { page: "qualityProfiles" };
  if (path === "/settings/customformats") return { page: "customFormats" };
  if (path === "/settings/quality") return { page: "qualityDefinitions" };
  if (path === "/parse") return { page: "parse" };
  if (path === "/system") return { page: "system" };
  if (path === "/lists") return { page: "lists" };
  const list = path.match(/^\/lists\/(\d+)$/);
  if (list) return { page: "list", id: Number(list[1]) };
  const movie = path.match(/^\/movie\/(\d+)$/);
  if (movie) return { page: "movie", id: Number(movie[1]) };
  return { page: "notFound" };
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, "href"> & { href: string; children: ComponentChildren };

/** An ordinary link that navigates in place; modified clicks still open a new tab. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
