import { useSignal } from "@preact/signals";
import { type DelayProfile, settingsApi } from "../api/settings";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, problemAt } from "../components/FieldError";
import { useStackedTableLabels } from "../components/stackedTables";
import { EditDeleteCell, TableHead } from "../components/TableParts";
import { TagChecks } from "../components/TagChecks";
import { useResource } from "../components/useResource";
import { tagLabels } from "../state/reference";

type Draft = Omit<DelayProfile, "id" | "order"> & { id?: number; order?: number };

const NEW: Draft = {
  enableUsenet: true,
  enableTorrent: true,
  preferredProtocol: "usenet",
  usenetDelay: 0,
  torrentDelay: 0,
  bypassIfHighestQuality: false,
  bypassIfAboveCustomFormatScore: false,
  minimumCustomFormatScore: 0,
  tags: [],
};

/** Radarr's protocol choice: which protocols a profile takes, and which it prefers. */
const PROTOCOLS = {
  preferUsenet: { enableUsenet: true, enableTorrent: true, preferredProtocol: "usenet", label: "Prefer Usenet" },
  preferTorrent: { enableUsenet: true, enableTorrent: true, preferredProtocol: "torrent", label: "Prefer Torrent" },
  onlyUsenet: { enableUsenet: true, enableTorrent: false, preferredProtocol: "usenet", label: "Only Usenet" },
  onlyTorrent: { enableUsenet: false, enableTorrent: true, preferredProtocol: "torrent", label: "Only Torrent" },
} as const;
type ProtocolChoice = keyof typeof PROTOCOLS;

function protocolOf(p: Draft): ProtocolChoice {
  if (!p.enableTorrent) return "onlyUsenet";
  if (!p.enableUsenet) return "onlyTorrent";
  return p.preferredProtocol === "torrent" ? "preferTorrent" : "preferUsenet";
}

const minutes = (n: number) => (n === 0 ? "No delay" : n % 60 === 0 ? `${n / 60} h` : `${n} min`);
/** The default profile: no tags, always last, never deleted. */
const isDefault = (p: DelayProfile, all: DelayProfile[]) => p.tags.length === 0 && p === all[all.length - 1];

/** Delay profiles: how long automatic grabs wait for a better release, by tag, in order. */
export function DelayProfiles() {
  const { data, error: loadError, reload } = useResource((signal) => settingsApi.delayProfiles.list(signal), []);
  const editing = useSignal<Draft | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  useStackedTableLabels("delay-profiles");
  const profiles = data.value ?? [];
  const act = async (change: () => Promise<unknown>) => {
    error.value = undefined;
    try {
      await change();
    } catch (e) {
      error.value = e;
    }
    reload();
  };
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    const after = by < 0 ? profiles[target - 1]?.id : profiles[target]?.id;
    return act(() => settingsApi.delayProfiles.reorder(profiles[index].id, after));
  };
  return (
    <section id="delay-profiles" aria-labelledby="delay-heading" class="settings-section">
      <h2 id="delay-heading">Delay profiles</h2>
      <p class="hint">The first profile whose tags a movie has decides; the default (no tags) is last.</p>
      <table class="plain" aria-label="Delay profiles">
        <TableHead columns={["Protocol", "Usenet delay", "Torrent delay", "Bypass", "Tags", "Order"]} actions />
        <tbody>
          {profiles.map((p, i) => (
            <DelayProfileRow
              key={p.id}
              profile={p}
              index={i}
              profiles={profiles}
              onMove={(by) => move(i, by)}
              onEdit={() => (editing.value = p)}
              onDelete={() => act(() => settingsApi.delayProfiles.remove(p.id))}
            />
          ))}
        </tbody>
      </table>
      {editing.value ? (
        <DelayProfileForm
          key={editing.value.id ?? "new"}
          initial={editing.value}
          onDone={() => {
            editing.value = undefined;
            reload();
          }}
        />
      ) : (
        <button type="button" onClick={() => (editing.value = NEW)}>
          Add delay profile
        </button>
      )}
      <ErrorMessage error={error.value ?? loadError.value} />
    </section>
  );
}

function DelayProfileRow({
  profile: p,
  index,
  profiles,
  onMove,
  onEdit,
  onDelete,
}: {
  profile: DelayProfile;
  index: number;
  profiles: DelayProfile[];
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <tr>
      <td>{PROTOCOLS[protocolOf(p)].label}</td>
      <td>{minutes(p.usenetDelay)}</td>
      <td>{minutes(p.torrentDelay)}</td>
      <td>{bypassText(p)}</td>
      <td>{p.tags.map((t) => tagLabels.value.get(t) ?? `#${t}`).join(", ") || "Default (every movie)"}</td>
      <td class="row-actions">
        {!isDefault(p, profiles) && index > 0 && (
          <button
            type="button"
            class="ghost"
            aria-label={`Move delay profile ${index + 1} up`}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
        )}
        {!isDefault(p, profiles) && index < profiles.length - 2 && (
          <button
            type="button"
            class="ghost"
            aria-label={`Move delay profile ${index + 1} down`}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
        )}
      </td>
      {isDefault(p, profiles) ? (
        <td class="row-actions">
          <button type="button" class="ghost" aria-label="Edit the default delay profile" onClick={onEdit}>
            Edit
          </button>
        </td>
      ) : (
        <EditDeleteCell what={`delay profile ${index + 1}`} onEdit={onEdit} onDelete={onDelete} />
      )}
    </tr>
  );
}

function bypassText(p: DelayProfile): string {
  const ways = [
    p.bypassIfHighestQuality && "highest quality",
    p.bypassIfAboveCustomFormatScore && `score ≥ ${p.minimumCustomFormatScore}`,
  ].filter(Boolean);
  return ways.join(", ") || "—";
}

function DelayProfileForm({ initial, onDone }: { initial: Draft; onDone: () => void }) {
  const draft = useSignal<Draft>(initial);
  const error = useSignal<unknown>(undefined);
  const set = (changes: Partial<Draft>) => {
    draft.value = { ...draft.value, ...changes };
  };
  const save = async (event: Event) => {
    event.preventDefault();
    error.value = undefined;
    try {
      const { id, order: _order, ...body } = draft.value;
      if (id) await settingsApi.delayProfiles.update({ ...draft.value, id } as DelayProfile);
      else await settingsApi.delayProfiles.add({ ...body, order: 0 });
      onDone();
    } catch (e) {
      error.value = e;
    }
  };
  const number = (key: "usenetDelay" | "torrentDelay" | "minimumCustomFormatScore", label: string) => (
    <div class="field">
      <label for={`delay-${key}`}>{label}</label>
      <input
        id={`delay-${key}`}
        type="number"
        value={draft.value[key]}
        onInput={(e) => set({ [key]: e.currentTarget.valueAsNumber })}
      />
      <FieldError id={`delay-${key}-error`} message={problemAt(error.value, `body.${key}`)} />
    </div>
  );
  const check = (key: "bypassIfHighestQuality" | "bypassIfAboveCustomFormatScore", label: string) => (
    <label class="check">
      <input type="checkbox" checked={draft.value[key]} onChange={(e) => set({ [key]: e.currentTarget.checked })} />
      {label}
    </label>
  );
  return (
    <form class="editor" aria-label={initial.id ? "Edit delay profile" : "Add delay profile"} onSubmit={save}>
      <div class="editor-fields">
        <div class="field">
          <label for="delay-protocol">Protocol</label>
          <select
            id="delay-protocol"
            value={protocolOf(draft.value)}
            onChange={(e) => {
              const { label: _label, ...choice } = PROTOCOLS[e.currentTarget.value as ProtocolChoice];
              set(choice);
            }}
          >
            {Object.entries(PROTOCOLS).map(([key, p]) => (
              <option key={key} value={key}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {number("usenetDelay", "Usenet delay (minutes)")}
        {number("torrentDelay", "Torrent delay (minutes)")}
        {check("bypassIfHighestQuality", "Bypass if highest quality")}
        {check("bypassIfAboveCustomFormatScore", "Bypass if above custom format score")}
        {draft.value.bypassIfAboveCustomFormatScore &&
          number("minimumCustomFormatScore", "Minimum custom format score")}
      </div>
      {(initial.tags.length > 0 || !initial.id) && (
        <TagChecks idPrefix="delay" value={draft.value.tags} onChange={(tags) => set({ tags })} />
      )}
      <FieldError id="delay-tags-error" message={problemAt(error.value, "body.tags")} />
      <div class="actions">
        <button type="submit">Save delay profile</button>
        <button type="button" class="ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={error.value} />
    </form>
  );
}
