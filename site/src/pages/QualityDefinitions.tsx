import { useSignal } from "@preact/signals";
import { api, type QualityDefinition } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { SettingsNav } from "../components/SettingsNav";
import { StatusNote } from "../components/StatusNote";
import { useResource } from "../components/useResource";

/** The three limits of one quality as typed; empty max or preferred means unlimited. */
interface SizeText {
  minSize: string;
  preferredSize: string;
  maxSize: string;
}

type SizeName = keyof SizeText;

const SIZE_COLUMNS: { name: SizeName; label: string }[] = [
  { name: "minSize", label: "Minimum" },
  { name: "preferredSize", label: "Preferred" },
  { name: "maxSize", label: "Maximum" },
];

/** What a two-hour movie weighs at these limits, to make MB per minute concrete. */
const SAMPLE_RUNTIME_MINUTES = 120;

const toText = (d: QualityDefinition): SizeText => ({
  minSize: d.minSize === null ? "" : String(d.minSize),
  preferredSize: d.preferredSize === null ? "" : String(d.preferredSize),
  maxSize: d.maxSize === null ? "" : String(d.maxSize),
});

/** A typed limit as the API takes it: a number, null for unlimited, or undefined when it is not a number. */
function sizeValue(text: string, name: SizeName): number | null | undefined {
  if (text.trim() === "") return name === "minSize" ? 0 : null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const gigabytes = (mbPerMinute: number | null | undefined) =>
  mbPerMinute === null || mbPerMinute === undefined
    ? "unlimited"
    : `${((mbPerMinute * SAMPLE_RUNTIME_MINUTES) / 1024).toFixed(1)} GB`;

/** The definitions as loaded, their limits as typed, and saving them all at once. */
function useQualitySizes() {
  const { data: definitions, error: loadError } = useResource(() => api.qualityDefinitions.list(), []);
  /** The limits as typed; until something is typed, as loaded. */
  const typed = useSignal<Record<number, SizeText> | undefined>(undefined);
  const saveError = useSignal<unknown>(undefined);
  const saving = useSignal(false);
  const saved = useSignal(false);

  const show = (list: QualityDefinition[]) => {
    definitions.value = list;
    typed.value = undefined;
  };

  const list = definitions.value;
  const sizes = typed.value ?? Object.fromEntries((list ?? []).map((d) => [d.id, toText(d)]));
  const invalid = (id: number, name: SizeName) => sizeValue(sizes[id]?.[name] ?? "", name) === undefined;
  const anyInvalid = list?.some((d) => SIZE_COLUMNS.some((c) => invalid(d.id, c.name))) ?? false;
  const changed = list?.some((d) => JSON.stringify(toText(d)) !== JSON.stringify(sizes[d.id])) ?? false;

  const setSize = (id: number, name: SizeName, text: string) => {
    typed.value = { ...sizes, [id]: { ...sizes[id], [name]: text } };
    saved.value = false;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!list || anyInvalid) return;
    saving.value = true;
    saveError.value = undefined;
    try {
      const body = list.map((d) => {
        const text = sizes[d.id];
        return {
          ...d,
          minSize: sizeValue(text.minSize, "minSize") as number,
          preferredSize: sizeValue(text.preferredSize, "preferredSize") as number | null,
          maxSize: sizeValue(text.maxSize, "maxSize") as number | null,
        };
      });
      show(await api.qualityDefinitions.updateAll(body));
      saved.value = true;
    } catch (e) {
      saveError.value = e;
    } finally {
      saving.value = false;
    }
  };
  return { list, sizes, loadError, saveError, saving, saved, show, invalid, anyInvalid, changed, setSize, save };
}

/** Settings → Quality definitions: size limits per quality in megabytes per minute of runtime. */
export function QualityDefinitions() {
  const { list, sizes, loadError, saveError, saving, saved, show, invalid, anyInvalid, changed, setSize, save } =
    useQualitySizes();
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Quality definitions</h1>
      <p class="hint">
        Size limits in megabytes per minute of runtime (0–2000). Releases outside a quality's minimum and maximum are
        rejected; the preferred size ranks releases. Leave preferred or maximum empty for no limit.
      </p>
      <ErrorMessage error={loadError.value} />
      {!list && !loadError.value && <p class="muted">Loading…</p>}
      {list && (
        <form onSubmit={save} aria-label="Quality sizes">
          <table class="plain">
            <thead>
              <tr>
                <th>Quality</th>
                {SIZE_COLUMNS.map((c) => (
                  <th key={c.name}>{c.label} (MB/min)</th>
                ))}
                <th>Two-hour movie</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d, index) => (
                <SizeRow
                  key={d.id}
                  definition={d}
                  text={sizes[d.id]}
                  problem={(name) =>
                    problemAt(saveError.value, `body.${index}.${name}`) ??
                    (invalid(d.id, name) ? "Enter a number of 0 or more" : undefined)
                  }
                  onSize={(name, text) => setSize(d.id, name, text)}
                />
              ))}
            </tbody>
          </table>
          <ErrorMessage error={saveError.value} />
          <div class="actions sticky-actions">
            <button type="submit" class="primary" disabled={saving.value || anyInvalid || !changed}>
              {saving.value ? "Saving…" : "Save sizes"}
            </button>
            <button
              type="button"
              class="ghost"
              disabled={!changed}
              onClick={() => {
                show(list);
                saveError.value = undefined;
              }}
            >
              Discard changes
            </button>
            <StatusNote message={saved.value && "Saved"} />
          </div>
        </form>
      )}
    </section>
  );
}

/** One quality's three limits as typed, and what a two-hour movie weighs at them. */
function SizeRow({
  definition: d,
  text,
  problem,
  onSize,
}: {
  definition: QualityDefinition;
  text: SizeText;
  problem: (name: SizeName) => string | undefined;
  onSize: (name: SizeName, text: string) => void;
}) {
  return (
    <tr>
      <td>{d.title}</td>
      {SIZE_COLUMNS.map((c) => {
        const id = `size-${d.id}-${c.name}`;
        const message = problem(c.name);
        return (
          <td key={c.name}>
            <input
              id={id}
              type="text"
              class="size-input"
              inputMode="decimal"
              aria-label={`${c.label} size of ${d.title}`}
              placeholder={c.name === "minSize" ? "0" : "Unlimited"}
              value={text[c.name]}
              onInput={(e) => onSize(c.name, e.currentTarget.value)}
              {...invalidProps(`${id}-error`, message)}
            />
            <FieldError id={`${id}-error`} message={message} />
          </td>
        );
      })}
      <td class="muted">
        {gigabytes(sizeValue(text.minSize, "minSize"))} – {gigabytes(sizeValue(text.maxSize, "maxSize"))}
      </td>
    </tr>
  );
}
