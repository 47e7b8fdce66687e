import { api, type DownloadClient, type DownloadClientTestResult } from "../api";
import { OptionCheck, PriorityInput } from "../components/ProviderEditor";
import { ProviderSettings } from "../components/ProviderSettings";
import { SettingsNav } from "../components/SettingsNav";

/** Settings › Download clients: qBittorrent, Transmission and SABnzbd, each tested before it is saved. */
export function DownloadClientSettings() {
  return (
    <section class="page settings download-client-settings">
      <SettingsNav />
      <h1>Download clients</h1>
      <p class="hint">
        Where grabbed releases are sent: torrents to qBittorrent or Transmission, NZBs to SABnzbd. A client is tested
        when it is saved enabled.
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
            <OptionCheck
              label="Remove completed"
              checked={draft.removeCompletedDownloads}
              onChange={(removeCompletedDownloads) => change({ removeCompletedDownloads })}
              help="Remove downloads from the client once imported"
            />
            <OptionCheck
              label="Remove failed"
              checked={draft.removeFailedDownloads}
              onChange={(removeFailedDownloads) => change({ removeFailedDownloads })}
              help="Remove failed downloads from the client"
            />
          </div>
        )}
      />
    </section>
  );
}
