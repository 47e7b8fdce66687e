import { currentPath, Link } from "../router";

const SETTINGS_PAGES = [
  { href: "/settings", label: "General" },
  { href: "/settings/profiles", label: "Quality profiles" },
  { href: "/settings/customformats", label: "Custom formats" },
  { href: "/settings/quality", label: "Quality definitions" },
  { href: "/settings/indexers", label: "Indexers" },
  { href: "/settings/downloadclients", label: "Download clients" },
  { href: "/settings/connect", label: "Notifications" },
  { href: "/settings/streaming", label: "Streaming" },
];

/** The tabs between the settings pages. */
export function SettingsNav() {
  return (
    <nav aria-label="Settings" class="settings-nav">
      {SETTINGS_PAGES.map((p) => (
        <Link key={p.href} href={p.href} class="tab" aria-current={currentPath.value === p.href ? "page" : undefined}>
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
