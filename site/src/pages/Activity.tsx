import { ActivityHistory } from "../components/ActivityHistory";
import { BlocklistTable } from "../components/BlocklistTable";
import { FailuresView } from "../components/FailuresView";
import { QueueTable } from "../components/QueueTable";
import { Link } from "../router";
import { session } from "../state/session";
import { NotFound } from "./NotFound";

/** The Activity page's tabs, each at /activity/<tab>. */
const TABS = [
  { tab: "queue", label: "Queue" },
  { tab: "history", label: "History" },
  { tab: "blocklist", label: "Blocklist" },
  { tab: "failures", label: "Failures" },
] as const;

/** Activity: the download queue, the history of grabs and imports, the blocklist and the failures. */
export function Activity({ tab }: { tab: string }) {
  const current = TABS.find((t) => t.tab === tab);
  if (!current) return <NotFound />;
  return (
    <section class="page activity">
      <nav aria-label="Activity" class="settings-nav">
        {TABS.map((t) => (
          <Link
            key={t.tab}
            href={`/activity/${t.tab}`}
            class="tab"
            aria-current={t.tab === current.tab ? "page" : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <h1>{current.label}</h1>
      {session.value?.demoMode && (
        <p class="muted demo-note">
          <span class="badge demo">Demo data</span> Releases and downloads come from the built-in simulator's indexers
          and download clients.
        </p>
      )}
      {current.tab === "queue" && <QueueTable />}
      {current.tab === "history" && <ActivityHistory />}
      {current.tab === "blocklist" && <BlocklistTable />}
      {current.tab === "failures" && <FailuresView />}
    </section>
  );
}
