import { type IndexerConfig, settingsApi } from "../api/settings";
import { type ConfigField, ConfigForm } from "./ConfigForm";

const FIELDS: ConfigField<IndexerConfig>[] = [
  { name: "rssSyncInterval", label: "RSS sync interval (minutes)", type: "number", help: "0 turns RSS sync off" },
  {
    name: "minimumAge",
    label: "Minimum age (minutes)",
    type: "number",
    help: "Usenet only: how old a release must be before it is grabbed",
  },
  { name: "retention", label: "Retention (days)", type: "number", help: "Usenet only: 0 for unlimited" },
  { name: "maximumSize", label: "Maximum size (MB)", type: "number", help: "0 for unlimited" },
  { name: "availabilityDelay", label: "Availability delay (days)", type: "number", advanced: true },
  { name: "preferIndexerFlags", label: "Prefer indexer flags", type: "checkbox", advanced: true },
  { name: "allowHardcodedSubs", label: "Allow hardcoded subs", type: "checkbox", advanced: true },
  { name: "whitelistedHardcodedSubs", label: "Allowed hardcoded sub tags", type: "textbox", advanced: true },
];

/** Settings › Indexers › Options: RSS sync interval, minimum age, retention, maximum size… */
export function IndexerOptions() {
  return (
    <ConfigForm title="Indexer options" idPrefix="indexer-options" resource={settingsApi.indexer} fields={FIELDS} />
  );
}
