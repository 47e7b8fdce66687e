import type { ImportList, ProviderField } from "../api";
import { FieldError, invalidProps, problemAt } from "./FieldError";
import { ListFieldInput } from "./ListFieldInput";

type SettingField = ProviderField | ImportList["fields"][number];

/**
 * An implementation's own settings (a list source's, an indexer's, a download client's…), each
 * rendered by type from the schema in the schema's order; advanced ones folded away. The
 * server's complaints show at the fields they name.
 */
export function SettingFields<F extends SettingField>({
  legend,
  noun,
  fields,
  idPrefix,
  error,
  setField,
}: {
  /** The implementation's name, e.g. "Torznab" or "TMDb List". */
  legend: string;
  /** "source", "indexer": what has no settings when the schema lists none. */
  noun: string;
  fields: F[];
  idPrefix: string;
  error: unknown;
  setField: (name: string, value: unknown) => void;
}) {
  const byOrder = (a: F, b: F) => (a.order ?? 0) - (b.order ?? 0);
  const basic = fields.filter((f) => !f.advanced).sort(byOrder);
  const advanced = fields.filter((f) => f.advanced).sort(byOrder);
  const fieldInput = (f: F) => (
    <ListFieldInput
      key={f.name}
      id={`${idPrefix}-${f.name}`}
      field={f}
      problem={problemAt(error, `body.fields.${f.name}`)}
      onChange={(value) => setField(f.name, value)}
    />
  );
  return (
    <fieldset class="editor-section">
      <legend>{legend}</legend>
      <div class="editor-fields">
        {basic.map(fieldInput)}
        {fields.length === 0 && <p class="muted">This {noun} has no settings.</p>}
      </div>
      {advanced.length > 0 && (
        <details class="advanced">
          <summary>Advanced settings</summary>
          <div class="editor-fields">{advanced.map(fieldInput)}</div>
        </details>
      )}
      <FieldError id={`${idPrefix}-fields-error`} message={problemAt(error, "body.fields")} />
    </fieldset>
  );
}

/** The name every provider and list has. */
export function NameField({
  idPrefix,
  value,
  problem,
  onInput,
}: {
  idPrefix: string;
  value: string;
  problem: string | undefined;
  onInput: (name: string) => void;
}) {
  return (
    <div class="editor-fields">
      <div class="field grow">
        <label for={`${idPrefix}-name`}>Name</label>
        <input
          id={`${idPrefix}-name`}
          type="text"
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
          {...invalidProps(`${idPrefix}-name-error`, problem)}
        />
        <FieldError id={`${idPrefix}-name-error`} message={problem} />
      </div>
    </div>
  );
}
