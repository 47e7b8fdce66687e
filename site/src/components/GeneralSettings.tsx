import { useSignal } from "@preact/signals";
import { api } from "../api";
import { type Backup, type HostConfig, settingsApi } from "../api/settings";
import { type ConfigField, ConfigForm } from "./ConfigForm";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { StatusNote } from "./StatusNote";
import { useStackedTableLabels } from "./stackedTables";
import { TableHead } from "./TableParts";
import { useResource } from "./useResource";

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
      <section aria-labelledby="apikey-heading" class="settings-section">
        <h2 id="apikey-heading">API key</h2>
        <p>
          <code>••••••••••••••••••••••••••••••••</code> <span class="muted">(hidden)</span>
        </p>
        <p class="hint">
          The key is the Worker secret <code>API_KEY</code>: it is never sent to the browser, so it cannot be shown
          here. Change it with <code>wrangler secret put API_KEY</code>; every client then needs the new key.
        </p>
      </section>
      <Backups />
    </>
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the Backup command and waits (up to a minute) for it to finish. */
async function backUpNow(): Promise<void> {
  const command = await api.commands.run("Backup");
  for (let i = 0; i < 60; i++) {
    const now = await api.commands.get(command.id);
    if (now.status === "completed") return;
    if (now.status === "failed" || now.status === "cancelled") throw new Error(`The backup ${now.status}`);
    await sleep(1000);
  }
  throw new Error("The backup is still running; it will appear here when done");
}

function Backups() {
  const { data, error: loadError, reload } = useResource((signal) => settingsApi.backups.list(signal), []);
  const error = useSignal<unknown>(undefined);
  const note = useSignal<string | undefined>(undefined);
  const busy = useSignal(false);
  useStackedTableLabels("backups");
  const act = async (work: () => Promise<string>) => {
    busy.value = true;
    error.value = undefined;
    note.value = undefined;
    try {
      note.value = await work();
    } catch (e) {
      error.value = e;
    }
    busy.value = false;
    reload();
  };
  return (
    <section id="backups" aria-labelledby="backups-heading" class="settings-section">
      <h2 id="backups-heading">Backups</h2>
      <div class="actions">
        <button
          type="button"
          disabled={busy.value}
          onClick={() =>
            act(async () => {
              await backUpNow();
              return "Backup made";
            })
          }
        >
          Back up now
        </button>
        <StatusNote message={note.value} />
      </div>
      {data.value?.length === 0 && <p class="muted">No backups yet.</p>}
      {(data.value?.length ?? 0) > 0 && (
        <table class="plain" aria-label="Backups">
          <TableHead columns={["Name", "Type", "Size", "Made"]} actions />
          <tbody>
            {data.value?.map((b) => (
              <BackupRow key={b.id} backup={b} busy={busy.value} act={act} />
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error.value ?? loadError.value} />
    </section>
  );
}

function BackupRow({
  backup: b,
  busy,
  act,
}: {
  backup: Backup;
  busy: boolean;
  act: (work: () => Promise<string>) => Promise<void>;
}) {
  return (
    <tr>
      <td>
        <a href={b.path} download={b.name}>
          {b.name}
        </a>
      </td>
      <td>{b.type}</td>
      <td>{(b.size / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 })} KB</td>
      <td>{new Date(b.time).toLocaleString()}</td>
      <td class="row-actions">
        <ConfirmButton
          label="Restore"
          description={`Restore backup ${b.name}, replacing the library`}
          busy={busy}
          onConfirm={() =>
            act(async () => {
              const { tables, rows } = await settingsApi.backups.restore(b.id);
              return `Restored ${rows.toLocaleString("en-US")} rows in ${tables} tables`;
            })
          }
        />
        <ConfirmButton
          label="Delete"
          description={`Delete backup ${b.name}`}
          onConfirm={() =>
            act(async () => {
              await settingsApi.backups.remove(b.id);
              return "Backup deleted";
            })
          }
        />
      </td>
    </tr>
  );
}
