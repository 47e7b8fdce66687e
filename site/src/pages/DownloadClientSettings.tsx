import { api, type DownloadClient, type DownloadClientTestResult } from "../api";
import { OptionCheck, OptionChecks, PriorityInput } from "../components/ProviderEditor";
import { ProviderSettings } from "../components/ProviderSettings";
import { SettingsNav } from "../components/SettingsNav";

/** What happens to a client's finished downloads. */
const REMOVE_OPTIONS: { name: "removeCompletedDownloads" | "removeFailedDownloads"; label: string; help: string }[] = [
  {
    name: "removeCompletedDownloads",
    label: "Remove completed",
    help: "Remove downloads from the client once imported",
  },
  { name: "removeFailedDownloads", label: "Remove failed", help: "Remove failed downloads from the client" },
];

/** Settings › Download clients: every implementation the server defines, each tested before it is saved. */
export function DownloadClientSettings() {
  return (
    <section class="page settings download-client-settings">
      <SettingsNav />
      <h1>Download clients</h1>
      <p class="hint">
        Where grabbed releases are sent: torrents to qBittorrent, Transmission, Deluge or rTorrent, NZBs to SABnzbd or
        NZBGet. A client is tested when it is saved enabled.
      </p>
      <ProviderSettings<DownloadClient, DownloadClientTestResult>
        noun="download client"
        plural="Download clients"
        calls={api.downloadClients}
        describeTest={(result) => `Connected (version ${result.version}).`}
        columns={[
          { header: "Protocol", cell: (c) => (c.protocol === "torrent" ? "Torrent" : "Usenet") },
          { header: "Enabled", cell: (c) => (c.enable ? "Yes" : "No") },
          { header: "Priority", cell: (c) => c.priority },
        ]}
        options={({ draft, change, problem, idPrefix }) => (
          <div class="editor-fields">
            <OptionCheck label="Enable" checked={draft.enable} onChange={(enable) => change({ enable })} />
            <PriorityInput
              id={`${idPrefix}-priority`}
              value={draft.priority}
              problem={problem("priority")}
              onChange={(priority) => change({ priority })}
              help="1 to 50: the lowest-numbered enabled client for a protocol gets the grab"
            />
            <OptionChecks options={REMOVE_OPTIONS} draft={draft} change={change} />
          </div>
        )}
      />
    </section>
  );
}
