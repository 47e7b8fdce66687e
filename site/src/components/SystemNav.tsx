import { currentPath, Link } from "../router";

/** The System pages, in the order their tabs show. */
const SYSTEM_TABS = [
  { href: "/system", label: "Status" },
  { href: "/system/tasks", label: "Tasks" },
  { href: "/system/logs", label: "Logs" },
  { href: "/system/updates", label: "Updates" },
  { href: "/system/backup", label: "Backup" },
  { href: "/system/queue", label: "Queue" },
  { href: "/system/events", label: "Events" },
];

/** The tabs between the System pages. */
export function SystemNav() {
  return (
    <nav aria-label="System" class="settings-nav">
      {SYSTEM_TABS.map((p) => (
        <Link key={p.href} href={p.href} class="tab" aria-current={currentPath.value === p.href ? "page" : undefined}>
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
