import { type HostConfig, settingsApi } from "../api/settings";
import { ApiKeySection } from "./ApiKeySection";
import { BackupList } from "./BackupList";
import { type ConfigField, ConfigForm } from "./ConfigForm";

const HOST_FIELDS: ConfigField<HostConfig>[] = [
  {
    name: "instanceName",
    label: "Instance name",
    type: "textbox",
    help: "Shown to clients and in notifications; must contain Radarr",
  },
  {
    name: "applicationUrl",
    label: "Application URL",
    type: "textbox",
    help: "The address notifications link to, e.g. https://radarr.example.com",
  },
  { name: "urlBase", label: "URL base", type: "textbox", help: "For a reverse proxy, e.g. /radarr" },
  { name: "backupInterval", label: "Backup interval (days)", type: "number", advanced: true },
  { name: "backupRetention", label: "Backup retention (days)", type: "number", advanced: true },
];

/** Settings › General: the host name shown to clients, the API key, backups. */
export function GeneralSettings() {
  return (
    <>
      <ConfigForm title="Host" idPrefix="host" resource={settingsApi.host} fields={HOST_FIELDS} />
      <ApiKeySection />
      <BackupList />
    </>
  );
}
