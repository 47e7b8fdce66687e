import type { ComponentChildren } from "preact";
import { currentPath, Link, navigate } from "../router";
import { isCurrentSection, MAIN_NAV } from "../routes";
import { logOut, session } from "../state/session";

/** The frame around every page once logged in: navigation, the demo badge, log out. */
export function Layout({ children }: { children: ComponentChildren }) {
  const path = currentPath.value;
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
      </header>
      <main id="content" class="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
