import type { AutoTagCondition } from "./index";
import { AUTO_TAG_SPECIFICATIONS, autoTagSpecification } from "./specifications";

/** A condition's field in Radarr's API shape. */
interface AutoTagFieldResource {
  order: number;
  name: string;
  label: string;
  value: unknown;
  type: string;
  advanced: boolean;
  privacy: "normal";
  isFloat: boolean;
  unit?: string;
  selectOptions?: { value: number; name: string; order: number; dividerAfter: boolean }[];
}

/** Radarr's AutoTaggingSpecificationSchema. */
export interface AutoTagConditionResource {
  /** Conditions are parts of their rule, not resources: Radarr sends 0. */
  id: number;
  name: string;
  implementation: string;
  implementationName: string;
  negate: boolean;
  required: boolean;
  fields: AutoTagFieldResource[];
}

/** What a client may send for a condition: names, implementation and field values are enough. */
export interface AutoTagConditionInput {
  name?: string | null;
  implementation: string;
  negate?: boolean;
  required?: boolean;
  fields?: { name: string; value?: unknown }[] | null;
}

function fieldResources(condition: AutoTagCondition): AutoTagFieldResource[] {
  const definition = autoTagSpecification(condition.implementation);
  return (definition?.fields ?? []).map((field, order) => ({
    order,
    name: field.name,
    label: field.label,
    value: condition.fields[field.name] ?? field.defaultValue,
    type: field.type,
    advanced: false,
    privacy: "normal",
    isFloat: false,
    ...(field.unit ? { unit: field.unit } : {}),
    ...(field.selectOptions
      ? { selectOptions: field.selectOptions.map((o, i) => ({ ...o, order: i, dividerAfter: false })) }
      : {}),
  }));
}

export function toConditionResource(condition: AutoTagCondition): AutoTagConditionResource {
  return {
    id: 0,
    name: condition.name,
    implementation: condition.implementation,
    implementationName: autoTagSpecification(condition.implementation)?.implementationName ?? "",
    negate: condition.negate,
    required: condition.required,
    fields: fieldResources(condition),
  };
}

/** A condition as sent by a Radarr client, its fields keyed by name (labels and options dropped). */
export function fromConditionResource(input: AutoTagConditionInput): AutoTagCondition {
  return {
    name: input.name ?? "",
    implementation: input.implementation,
    negate: input.negate ?? false,
    required: input.required ?? false,
    fields: Object.fromEntries((input.fields ?? []).map((field) => [field.name, field.value])),
  };
}

/** Radarr's `GET /autotagging/schema`: one blank condition of each kind, fields at their defaults. */
export function autoTagSchema(): AutoTagConditionResource[] {
  return AUTO_TAG_SPECIFICATIONS.map((definition) =>
    toConditionResource({
      name: "",
      implementation: definition.implementation,
      negate: false,
      required: false,
      fields: {},
    }),
  );
}
