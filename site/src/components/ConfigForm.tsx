import { type Signal, useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import type { ProviderField } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { problemAt } from "./FieldError";
import { ListFieldInput } from "./ListFieldInput";
import { StatusNote } from "./StatusNote";
import { useResource } from "./useResource";

/** One setting of a config resource, as the form shows it. */
export interface ConfigField<T> {
  name: keyof T & string;
  label: string;
  type: "number" | "textbox" | "checkbox" | "select";
  /** A select's choices: value and what the user reads. */
  options?: readonly (readonly [string | number, string])[];
  help?: string;
  advanced?: boolean;
}

/** A singleton config resource (`/config/indexer`, `/config/ui`…): read, and saved by the fields changed. */
interface ConfigResource<T> {
  get: (signal?: AbortSignal) => Promise<T>;
  save: (changes: Partial<T>) => Promise<T>;
}

interface Props<T> {
  /** The form's name, e.g. "Indexer options". */
  title: string;
  idPrefix: string;
  resource: ConfigResource<T>;
  fields: ConfigField<T>[];
  /** What the saved settings mean elsewhere (a theme applied, say). */
  onSaved?: (saved: T) => void;
  /** More of the form below the fields, given what is being edited (examples of a naming format). */
  extra?: (values: Partial<T>, draft: Signal<Partial<T>>) => ComponentChildren;
}

/**
 * A form over one of Radarr's config resources: each field rendered by its type, Save sends the
 * fields changed, and the server's complaint shows at the field it names.
 */
export function ConfigForm<T extends object>({ title, idPrefix, resource, fields, onSaved, extra }: Props<T>) {
  const { data, error: loadError } = useResource((signal) => resource.get(signal), []);
  const draft = useSignal<Partial<T>>({});
  const error = useSignal<unknown>(undefined);
  const saved = useSignal(false);
  const busy = useSignal(false);
  const values: Partial<T> = { ...data.value, ...draft.value };
  const save = async (event: Event) => {
    event.preventDefault();
    busy.value = true;
    error.value = undefined;
    saved.value = false;
    try {
      const answer = await resource.save(draft.value);
      data.value = answer;
      draft.value = {};
      saved.value = true;
      onSaved?.(answer);
    } catch (e) {
      error.value = e;
    }
    busy.value = false;
  };
  const input = (f: ConfigField<T>) => (
    <ListFieldInput
      key={f.name}
      id={`${idPrefix}-${f.name}`}
      field={asField(f, values[f.name])}
      problem={problemAt(error.value, `body.${f.name}`)}
      onChange={(value) => {
        draft.value = { ...draft.value, [f.name]: value };
        saved.value = false;
      }}
    />
  );
  const advanced = fields.filter((f) => f.advanced);
  return (
    <form aria-label={title} class="settings-section config-form" onSubmit={save}>
      <h2>{title}</h2>
      <ErrorMessage error={loadError.value} />
      {data.value && (
        <>
          <div class="editor-fields">{fields.filter((f) => !f.advanced).map(input)}</div>
          {advanced.length > 0 && (
            <details class="advanced">
              <summary>Advanced settings</summary>
              <div class="editor-fields">{advanced.map(input)}</div>
            </details>
          )}
          {extra?.(values, draft)}
          <div class="actions">
            <button type="submit" disabled={busy.value || Object.keys(draft.value).length === 0}>
              Save
            </button>
            <StatusNote message={saved.value && "Saved"} />
          </div>
        </>
      )}
      <ErrorMessage error={error.value} />
    </form>
  );
}

/** The field as the provider settings' input takes it. */
function asField<T>(f: ConfigField<T>, value: unknown): ProviderField {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    value,
    helpText: f.help,
    selectOptions: f.options?.map(([v, name]) => ({ value: v, name })),
  } as ProviderField;
}
