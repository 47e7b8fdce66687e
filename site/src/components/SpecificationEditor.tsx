import type { JSX } from "preact";
import type { CustomFormatSpecification, SpecificationField } from "../api";
import { FieldError, invalidProps, problemAt } from "./FieldError";

interface Props {
  specification: CustomFormatSpecification;
  /** Its position in the format, as the server's error paths count it. */
  index: number;
  /** The last save's error, for the complaints about this specification's fields. */
  error: unknown;
  onChange: (specification: CustomFormatSpecification) => void;
  onRemove: () => void;
}

/** One condition of a custom format: its name, negate and required, and its fields by type. */
export function SpecificationEditor({ specification, index, error, onChange, onRemove }: Props) {
  const path = `body.specifications.${index}`;
  const id = `spec-${index}`;
  const nameProblem = problemAt(error, `${path}.name`);
  const otherProblem =
    problemAt(error, `${path}.implementation`) ??
    problemAt(error, `${path}.negate`) ??
    problemAt(error, `${path}.required`);
  const setField = (name: string, value: unknown) =>
    onChange({
      ...specification,
      fields: specification.fields.map((f) => (f.name === name ? { ...f, value } : f)),
    });

  return (
    <fieldset class="specification">
      <legend>
        Condition {index + 1}: {specification.implementationName || specification.implementation}
      </legend>
      <div class="editor-fields">
        <div class="field">
          <label for={`${id}-name`}>Condition name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={specification.name}
            onInput={(e) => onChange({ ...specification, name: e.currentTarget.value })}
            {...invalidProps(`${id}-name-error`, nameProblem)}
          />
          <FieldError id={`${id}-name-error`} message={nameProblem} />
        </div>
        {[...specification.fields]
          .sort((a, b) => a.order - b.order)
          .map((field) => (
            <SpecificationFieldInput
              key={field.name}
              id={`${id}-${field.name}`}
              field={field}
              problem={problemAt(error, `${path}.fields.${field.name}`)}
              onChange={(value) => setField(field.name, value)}
            />
          ))}
        <label class="check">
          <input
            type="checkbox"
            checked={specification.negate}
            onChange={(e) => onChange({ ...specification, negate: e.currentTarget.checked })}
          />
          Negate
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={specification.required}
            onChange={(e) => onChange({ ...specification, required: e.currentTarget.checked })}
          />
          Required
        </label>
        <button type="button" class="ghost" onClick={onRemove}>
          Remove<span class="visually-hidden"> condition {index + 1}</span>
        </button>
      </div>
      <FieldError id={`${id}-error`} message={otherProblem} />
    </fieldset>
  );
}

interface FieldProps {
  id: string;
  field: SpecificationField;
  problem: string | undefined;
  onChange: (value: unknown) => void;
}

/** A specification field as its type asks: text, number (with its unit), a choice, or a checkbox. */
function SpecificationFieldInput({ id, field, problem, onChange }: FieldProps) {
  const errorId = `${id}-error`;
  const label = field.unit ? `${field.label} (${field.unit})` : field.label;
  if (field.type === "checkbox") {
    return (
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={field.value === true || field.value === "true"}
            onChange={(e) => onChange(e.currentTarget.checked)}
            {...invalidProps(errorId, problem)}
          />
          {label}
        </label>
        <FieldError id={errorId} message={problem} />
      </div>
    );
  }
  let input: JSX.Element;
  if (field.type === "select" && field.selectOptions) {
    input = (
      <select
        id={id}
        value={String(field.value)}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
        {...invalidProps(errorId, problem)}
      >
        {[...field.selectOptions]
          .sort((a, b) => a.order - b.order)
          .map((o) => (
            <option key={o.value} value={String(o.value)}>
              {o.name}
            </option>
          ))}
      </select>
    );
  } else if (field.type === "number") {
    input = (
      <input
        id={id}
        type="number"
        step="any"
        min="0"
        value={field.value === undefined || field.value === null ? "" : String(field.value)}
        onInput={(e) => {
          const n = e.currentTarget.valueAsNumber;
          // An unfinished number goes as typed; the server says what is wrong with it.
          onChange(Number.isFinite(n) ? n : e.currentTarget.value);
        }}
        {...invalidProps(errorId, problem)}
      />
    );
  } else {
    input = (
      <input
        id={id}
        type="text"
        class={field.name === "value" ? "wide" : undefined}
        value={typeof field.value === "string" ? field.value : String(field.value ?? "")}
        onInput={(e) => onChange(e.currentTarget.value)}
        {...invalidProps(errorId, problem)}
      />
    );
  }
  return (
    <div class={`field${field.type === "textbox" ? " grow" : ""}`}>
      <label for={id}>{label}</label>
      {input}
      <FieldError id={errorId} message={problem} />
    </div>
  );
}
