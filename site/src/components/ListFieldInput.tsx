import type { JSX } from "preact";
import type { ImportList, ProviderField } from "../api";
import { FieldError, invalidProps } from "./FieldError";

/** A setting of a provider or of an import list, as its schema describes it. */
type SettingField = ProviderField | ImportList["fields"][number];

interface Props {
  id: string;
  field: SettingField;
  /** The server's complaint about this field, if any. */
  problem: string | undefined;
  onChange: (value: unknown) => void;
}

const isSecret = (field: SettingField) =>
  field.type === "password" || field.privacy === "apiKey" || field.privacy === "password";

/** Key-value lists (a webhook's headers) are typed one `Name: value` a line. */
const keyValueText = (value: unknown) =>
  Array.isArray(value) ? value.map((h: { key?: unknown; value?: unknown }) => `${h.key}: ${h.value}`).join("\n") : "";
const keyValuesOf = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const colon = line.indexOf(":");
      return colon < 0
        ? { key: line.trim(), value: "" }
        : { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });

/** Tag fields hold a list of words; they are typed comma-separated. */
const tagText = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value ?? ""));
const tagsOf = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * One provider setting (an import list's, an indexer's, a download client's…) as the schema types
 * it: text, secret, number, choice, several choices, checkbox, several words, or long text.
 * Secrets come back masked (`********`); sent back unchanged they keep the stored value.
 */
export function ListFieldInput({ id, field, problem, onChange }: Props) {
  const errorId = `${id}-error`;
  const help = field.helpText ? <small class="field-help">{field.helpText}</small> : null;
  if (field.type === "checkbox")
    return <CheckboxField id={id} field={field} problem={problem} onChange={onChange} help={help} />;
  if (field.type === "select" && field.selectOptions && Array.isArray(field.value)) {
    return <MultiSelectField id={id} field={field} problem={problem} onChange={onChange} help={help} />;
  }
  const input = fieldControl({ id, field, problem, onChange });
  return (
    <div
      class={`field${field.type === "textbox" || field.type === "textarea" || field.type === "keyValueList" ? " grow" : ""}`}
    >
      <label for={id}>{field.label}</label>
      {input}
      {help}
      <FieldError id={errorId} message={problem} />
    </div>
  );
}

type PartProps = Props & { help: JSX.Element | null };

function CheckboxField({ id, field, problem, onChange, help }: PartProps) {
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label class="check">
        <input
          id={id}
          type="checkbox"
          checked={field.value === true || field.value === "true"}
          onChange={(e) => onChange(e.currentTarget.checked)}
          {...invalidProps(errorId, problem)}
        />
        {field.label}
      </label>
      {help}
      <FieldError id={errorId} message={problem} />
    </div>
  );
}

function MultiSelectField({ field, id, problem, onChange, help }: PartProps) {
  const errorId = `${id}-error`;
  // A list value takes several options (Newznab categories, HDBits codecs): one checkbox each.
  const chosen = field.value as unknown[];
  const options = field.selectOptions ?? [];
  return (
    <fieldset class="field multi-select" {...invalidProps(errorId, problem)}>
      <legend>{field.label}</legend>
      <div class="multi-select-options">
        {options.map((o) => (
          <label key={o.value} class="check">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                onChange(
                  // Kept in the schema's order whatever order they were ticked in.
                  options
                    .filter((x) => (x.value === o.value ? e.currentTarget.checked : chosen.includes(x.value)))
                    .map((x) => x.value),
                )
              }
            />
            {o.name}
          </label>
        ))}
      </div>
      {help}
      <FieldError id={errorId} message={problem} />
    </fieldset>
  );
}

/** The input for a choice or a number, else the text input for the field's type. */
function fieldControl(props: Props): JSX.Element {
  const { id, field, problem, onChange } = props;
  const errorId = `${id}-error`;
  if (field.type === "select" && field.selectOptions) {
    const options = field.selectOptions;
    return (
      <select
        id={id}
        value={String(field.value ?? "")}
        // The option's own value keeps its type: numbers stay numbers.
        onChange={(e) => onChange(options.find((o) => String(o.value) === e.currentTarget.value)?.value)}
        {...invalidProps(errorId, problem)}
      >
        {options.map((o) => (
          <option key={o.value} value={String(o.value)}>
            {o.name}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === "number") {
    return (
      <input
        id={id}
        type="number"
        step="any"
        value={field.value === undefined || field.value === null ? "" : String(field.value)}
        onInput={(e) => {
          const n = e.currentTarget.valueAsNumber;
          // Empty means "not set"; the server says what else is wrong with a value.
          onChange(Number.isFinite(n) ? n : e.currentTarget.value);
        }}
        {...invalidProps(errorId, problem)}
      />
    );
  }
  return textControl(props);
}

/** The input for long text, key-value lines, several words, a secret or plain text. */
function textControl({ id, field, problem, onChange }: Props): JSX.Element {
  const errorId = `${id}-error`;
  if (field.type === "textarea") {
    return (
      <textarea
        id={id}
        rows={4}
        value={String(field.value ?? "")}
        onInput={(e) => onChange(e.currentTarget.value)}
        {...invalidProps(errorId, problem)}
      />
    );
  }
  if (field.type === "keyValueList") {
    return (
      <textarea
        id={id}
        rows={3}
        placeholder="Authorization: Bearer …"
        // Uncontrolled, as tags: a line being typed must survive re-renders. Saved values show as ********.
        defaultValue={keyValueText(field.value)}
        onInput={(e) => onChange(keyValuesOf(e.currentTarget.value))}
        {...invalidProps(errorId, problem)}
      />
    );
  }
  if (field.type === "tag") {
    return (
      <input
        id={id}
        type="text"
        placeholder="comma-separated"
        // Uncontrolled: the words are read as typed, and a trailing comma must survive re-renders.
        defaultValue={tagText(field.value)}
        onInput={(e) => onChange(tagsOf(e.currentTarget.value))}
        {...invalidProps(errorId, problem)}
      />
    );
  }
  return (
    <input
      id={id}
      type={isSecret(field) ? "password" : "text"}
      autocomplete={isSecret(field) ? "off" : undefined}
      value={field.value === undefined || field.value === null ? "" : String(field.value)}
      onInput={(e) => onChange(e.currentTarget.value)}
      {...invalidProps(errorId, problem)}
    />
  );
}
