import { api, type Notification, type NotificationEvent } from "../api";
import { NotificationFailures } from "../components/NotificationFailures";
import { OptionChecks } from "../components/ProviderEditor";
import { ProviderSettings } from "../components/ProviderSettings";
import { SettingsNav } from "../components/SettingsNav";

/** "onMovieFileDelete" → "Movie file delete". */
const eventName = (flag: string) => {
  const words = flag
    .slice(2)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
};

/**
 * The events a target offers, from the server's resource (its `supportsOn…` flags): no list of
 * events lives in the page, so a new event appears once the server supports it.
 */
function eventsOf(target: Notification): NotificationEvent[] {
  const record = target as unknown as Record<string, unknown>;
  return Object.keys(record)
    .filter((key) => key.startsWith("supportsOn") && record[key] === true)
    .map((key) => `on${key.slice("supportsOn".length)}` as NotificationEvent)
    .filter((flag) => flag in record);
}

/** Settings › Notifications: webhooks, chats, push services and media servers told when something happens. */
export function NotificationSettings() {
  return (
    <section class="page settings notification-settings">
      <SettingsNav />
      <h1>Notifications</h1>
      <p class="hint">
        Webhooks, chats, push services and media servers told when something happens. Test sends a test message.
      </p>
      <ProviderSettings<Notification, { isValid: boolean }>
        noun="notification"
        plural="Notifications"
        calls={api.notifications}
        describeTest={() => "The test message was delivered."}
        columns={[
          {
            header: "Events",
            cell: (n) =>
              eventsOf(n)
                .filter((flag) => n[flag])
                .map(eventName)
                .join(", ") || "None",
          },
        ]}
        options={({ draft, change }) => (
          <div class="editor-fields">
            <OptionChecks
              options={eventsOf(draft).map((flag) => ({ name: flag, label: `On ${eventName(flag).toLowerCase()}` }))}
              draft={draft}
              change={change}
            />
          </div>
        )}
      />
      <NotificationFailures />
    </section>
  );
}
