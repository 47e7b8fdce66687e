import { useSignal } from "@preact/signals";
import { api } from "../api";
import { type RemotePathMapping, settingsApi } from "../api/settings";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { useStackedTableLabels } from "../components/stackedTables";
import { EditDeleteCell, TableHead } from "../components/TableParts";
import { useResource } from "../components/useResource";

type Draft = Omit<RemotePathMapping, "id">;
const EMPTY: Draft = { host: "", remotePath: "", localPath: "" };

/** The hosts the download clients are reached at: a mapping applies to one of them. */
async function clientHosts(): Promise<string[]> {
  const clients = await api.downloadClients.list();
  const hosts = clients.map((c) => c.fields.find((f) => f.name === "host")?.value).filter((h) => typeof h === "string");
  return [...new Set(hosts as string[])].sort();
}

/**
 * Remote path mappings: where a download client's host sees a folder (remote path) and where
 * this app finds it (local path). Listed, added, edited and deleted in place.
 */
export function RemotePathMappings() {
  const { data, error: loadError, reload } = useResource((signal) => settingsApi.remotePathMappings.list(signal), []);
  const { data: hosts } = useResource(() => clientHosts(), []);
  const editing = useSignal<number | "new" | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  useStackedTableLabels("remote-path-mappings");
  const done = () => {
    editing.value = undefined;
    reload();
  };
  const mappings = data.value ?? [];
  return (
    <section id="remote-path-mappings" aria-labelledby="rpm-heading" class="settings-section">
      <h2 id="rpm-heading">Remote path mappings</h2>
      <p class="hint">When a download client sees its downloads under another path than this app does.</p>
      {mappings.length === 0 && data.value && <p class="muted">No remote path mappings.</p>}
      {mappings.length > 0 && (
        <table class="plain" aria-label="Remote path mappings">
          <TableHead columns={["Host", "Remote path", "Local path"]} actions />
          <tbody>
            {mappings.map((m) =>
              editing.value === m.id ? (
                <tr key={m.id}>
                  <td colSpan={4}>
                    <MappingForm initial={m} hosts={hosts.value ?? []} onDone={done} />
                  </td>
                </tr>
              ) : (
                <tr key={m.id}>
                  <td>{m.host}</td>
                  <td>
                    <code>{m.remotePath}</code>
                  </td>
                  <td>
                    <code>{m.localPath}</code>
                  </td>
                  <EditDeleteCell
                    what={`mapping ${m.remotePath}`}
                    onEdit={() => (editing.value = m.id)}
                    onDelete={async () => {
                      error.value = undefined;
                      await settingsApi.remotePathMappings.remove(m.id).catch((e) => (error.value = e));
                      reload();
                    }}
                  />
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {editing.value === "new" ? (
        <MappingForm initial={EMPTY} hosts={hosts.value ?? []} onDone={done} />
      ) : (
        <button type="button" onClick={() => (editing.value = "new")}>
          Add mapping
        </button>
      )}
      <ErrorMessage error={error.value ?? loadError.value} />
    </section>
  );
}

function MappingForm({
  initial,
  hosts,
  onDone,
}: {
  initial: Draft & { id?: number };
  hosts: string[];
  onDone: () => void;
}) {
  const draft = useSignal<Draft>({ host: initial.host, remotePath: initial.remotePath, localPath: initial.localPath });
  const error = useSignal<unknown>(undefined);
  const id = initial.id ?? "new";
  const set = (key: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    draft.value = { ...draft.value, [key]: e.currentTarget.value };
  };
  const save = async (event: Event) => {
    event.preventDefault();
    error.value = undefined;
    try {
      if (initial.id) await settingsApi.remotePathMappings.update({ id: initial.id, ...draft.value });
      else await settingsApi.remotePathMappings.add(draft.value);
      onDone();
    } catch (e) {
      error.value = e;
    }
  };
  const field = (key: keyof Draft, label: string, control: preact.JSX.Element) => (
    <div class="field grow">
      <label for={`rpm-${id}-${key}`}>{label}</label>
      {control}
      <FieldError id={`rpm-${id}-${key}-error`} message={problemAt(error.value, `body.${key}`)} />
    </div>
  );
  const invalid = (key: keyof Draft) => invalidProps(`rpm-${id}-${key}-error`, problemAt(error.value, `body.${key}`));
  const pathInput = (key: "remotePath" | "localPath") => (
    <input id={`rpm-${id}-${key}`} type="text" value={draft.value[key]} onInput={set(key)} {...invalid(key)} />
  );
  return (
    <form
      class="inline-form"
      aria-label={initial.id ? "Edit remote path mapping" : "Add remote path mapping"}
      onSubmit={save}
    >
      {field(
        "host",
        "Host",
        <HostSelect
          id={`rpm-${id}-host`}
          value={draft.value.host}
          hosts={hosts}
          onChange={set("host")}
          invalid={invalid("host")}
        />,
      )}
      {field("remotePath", "Remote path", pathInput("remotePath"))}
      {field("localPath", "Local path", pathInput("localPath"))}
      <button type="submit">Save mapping</button>
      <button type="button" class="ghost" onClick={onDone}>
        Cancel
      </button>
      <ErrorMessage error={error.value} />
    </form>
  );
}

/** The download clients' hosts to choose from (and a saved mapping's host, should its client be gone). */
function HostSelect({
  id,
  value,
  hosts,
  onChange,
  invalid,
}: {
  id: string;
  value: string;
  hosts: string[];
  onChange: (e: { currentTarget: { value: string } }) => void;
  invalid: object;
}) {
  const choices = hosts.includes(value) || !value ? hosts : [value, ...hosts];
  return (
    <select id={id} value={value} onChange={onChange} {...invalid}>
      <option value="">Choose a download client host</option>
      {choices.map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ))}
    </select>
  );
}
