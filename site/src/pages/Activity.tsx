import { ActivityHistory } from "../components/ActivityHistory";
import { BlocklistTable } from "../components/BlocklistTable";
import { FailuresView } from "../components/FailuresView";
import { QueueTable } from "../components/QueueTable";
import { type ActivityTab, Link } from "../router";
import { session } from "../state/session";

const TABS: { tab: ActivityTab; label: string }[] = [
  { tab: "queue", label: "Queue" },
  { tab: "history", label: "History" },
  { tab: "blocklist", label: "Blocklist" },
  { tab: "failures", label: "Failures" },
];

/** Activity: the download queue, the history of grabs and imports, the blocklist and the failures. */
export function Activity({ tab }: { tab: ActivityTab }) {
  const current = TABS.find((t) => t.tab === tab) ?? TABS[0];
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
