import { currentPath, Link } from "../router";
import { SETTINGS_TABS } from "../routes";

/** The tabs between the settings pages. */
export function SettingsNav() {
  return (
    <nav aria-label="Settings" class="settings-nav">
      {SETTINGS_TABS.map((p) => (
        <Link key={p.href} href={p.href} class="tab" aria-current={currentPath.value === p.href ? "page" : undefined}>
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
