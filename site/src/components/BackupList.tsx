import { api, type Command } from "../api";
import { type Backup, settingsApi } from "../api/settings";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";
import { StatusNote } from "./StatusNote";
import { TableHead } from "./TableParts";
import { useAction } from "./useAction";
import { useResource } from "./useResource";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a running Backup command has got to, in a few words: "Backing up (started)…". */
const progressText = (c: Command) =>
  `Backing up (${c.status}${c.progress ? `, ${c.progress.done} of ${c.progress.total}` : ""})…`;

/** Runs the Backup command and waits (up to a minute) for it to finish, reporting each poll. */
async function backUpNow(onProgress: (text: string) => void): Promise<void> {
  const command = await api.commands.run("Backup");
  onProgress(progressText(command));
  for (let i = 0; i < 60; i++) {
    const now = await api.commands.get(command.id);
    if (now.status === "completed") return;
    if (now.status === "failed" || now.status === "cancelled") throw new Error(`The backup ${now.status}`);
    onProgress(progressText(now));
    await sleep(1000);
  }
  throw new Error("The backup is still running; it will appear here when done");
}

/**
 * The library's backups (Settings › General and System › Backup): each to download, restore
 * (confirmed: it replaces the library) or delete, and "Back up now" with its progress.
 */
export function BackupList({ heading = "Backups" }: { heading?: string }) {
  const { data, error: loadError, reload } = useResource((signal) => settingsApi.backups.list(signal), []);
  const { busy, note, error, act } = useAction(reload);
  const backUp = () =>
    act(async () => {
      await backUpNow((text) => {
        note.value = text;
      });
      return "Backup made";
    });
  return (
    <section id="backups" aria-labelledby="backups-heading" class="settings-section">
      <h2 id="backups-heading">{heading}</h2>
      <div class="actions">
        <button type="button" disabled={busy.value} onClick={backUp}>
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

interface RowProps {
  backup: Backup;
  busy: boolean;
  act: (work: () => Promise<string | undefined>) => Promise<void>;
}

function BackupRow({ backup: b, busy, act }: RowProps) {
  return (
    <tr>
      <td>
        <a href={b.path} download={b.name}>
          {b.name}
        </a>
      </td>
      <td>{b.type}</td>
      <td>{(b.size / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 })} KB</td>
      <td>{formatDateTime(b.time)}</td>
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
          busy={busy}
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
