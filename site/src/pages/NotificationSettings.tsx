import { api, type Notification, type NotificationEvent } from "../api";
import { OptionChecks } from "../components/ProviderEditor";
import { ProviderSettings } from "../components/ProviderSettings";
import { SettingsNav } from "../components/SettingsNav";

const EVENTS: { event: NotificationEvent; label: string; short: string }[] = [
  { event: "onGrab", label: "On grab", short: "Grab" },
  { event: "onDownload", label: "On import", short: "Import" },
  { event: "onUpgrade", label: "On upgrade", short: "Upgrade" },
  { event: "onDownloadFailure", label: "On download failure", short: "Download failure" },
  { event: "onHealthIssue", label: "On health issue", short: "Health issue" },
  { event: "onMovieAdded", label: "On movie added", short: "Movie added" },
];

const EVENT_OPTIONS = EVENTS.map(({ event, label }) => ({ name: event, label }));

/** Settings › Notifications: webhooks and Discord channels told about grabs, imports and failures. */
export function NotificationSettings() {
  return (
    <section class="page settings notification-settings">
      <SettingsNav />
      <h1>Notifications</h1>
      <p class="hint">Webhooks and Discord channels told when something happens. Test sends a test message.</p>
      <ProviderSettings<Notification, { isValid: boolean }>
        noun="notification"
        plural="Notifications"
        calls={api.notifications}
        describeTest={() => "The test message was delivered."}
        columns={[
          {
            header: "Events",
            cell: (n) =>
              EVENTS.filter((e) => n[e.event])
                .map((e) => e.short)
                .join(", ") || "None",
          },
        ]}
        options={({ draft, change }) => (
          <div class="editor-fields">
            <OptionChecks options={EVENT_OPTIONS} draft={draft} change={change} />
          </div>
        )}
      />
    </section>
  );
}
