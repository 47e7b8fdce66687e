import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useStackedTableLabels } from "../components/stackedTables";
import { currentPath, Link, navigate } from "../router";
import { isCurrentSection, MAIN_NAV } from "../routes";
import { logOut, session } from "../state/session";

/**
 * The frame around every page once logged in: navigation, the demo badge, log out. On a narrow
 * screen the navigation and the rest of the bar fold behind a Menu button.
 */
export function Layout({ children }: { children: ComponentChildren }) {
  const path = currentPath.value;
  const menuOpen = useSignal(false);
  // Following a link (or going back) closes the menu.
  useEffect(() => {
    menuOpen.value = false;
  }, [path]);
  useStackedTableLabels("content");
  return (
    <div class="shell">
      {/* The first stop for the keyboard: past the navigation to the page itself. */}
      <a href="#content" class="skip-link">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          Radarr <span class="accent">Edge</span>
        </Link>
        <button
          type="button"
          class="ghost menu-button"
          aria-expanded={menuOpen.value}
          aria-controls="topbar-menu"
          onClick={() => {
            menuOpen.value = !menuOpen.value;
          }}
        >
          Menu
        </button>
        <div id="topbar-menu" class="topbar-menu" data-open={menuOpen.value ? "" : undefined}>
          <nav aria-label="Main">
            {MAIN_NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                class="nav-link"
                aria-current={isCurrentSection(item.section, path) ? "page" : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div class="topbar-end">
            {session.value?.demoMode && (
              <span
                class="badge demo"
                title="Upstream services are the built-in simulator: titles, posters and ratings are made up"
              >
                Demo data
              </span>
            )}
            <button
              type="button"
              class="ghost"
              onClick={async () => {
                await logOut();
                navigate("/", { replace: true });
              }}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="content" class="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
