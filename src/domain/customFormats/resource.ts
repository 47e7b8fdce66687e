import { SPECIFICATION_DEFINITIONS, specificationDefinition } from "./specifications";
import type { CustomFormatDraft, CustomFormatSpecification, SpecificationFields } from "./types";

/** A specification field in Radarr's API shape. */
export interface FieldResource {
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

export interface CustomFormatSpecificationResource {
  /** Radarr's specifications carry id 0 (they are parts of their format, not resources). */
  id: number;
  name: string;
  implementation: string;
  implementationName: string;
  negate: boolean;
  required: boolean;
  fields: FieldResource[];
}

export interface CustomFormatResource {
  id?: number;
  name: string;
  includeCustomFormatWhenRenaming: boolean;
  specifications: CustomFormatSpecificationResource[];
}

/** What a client may send: only names, implementations and field values are needed. */
export interface CustomFormatResourceInput {
  id?: number;
  name: string;
  includeCustomFormatWhenRenaming?: boolean;
  specifications?: {
    name: string;
    implementation: string;
    negate?: boolean;
    required?: boolean;
    fields?: { name: string; value?: unknown }[];
  }[];
}

function fieldResources(implementation: string, fields: SpecificationFields): FieldResource[] {
  const definition = specificationDefinition(implementation);
  if (!definition) {
    return Object.entries(fields).map(([name, value], order) => ({
      order,
      name,
      label: name,
      value,
      type: "textbox",
      advanced: false,
      privacy: "normal",
      isFloat: false,
    }));
  }
  return definition.fields.map((field, order) => ({
    order,
    name: field.name,
    label: field.label,
    value: fields[field.name] ?? field.defaultValue,
    type: field.type,
    advanced: false,
    privacy: "normal",
    isFloat: false,
    ...(field.unit ? { unit: field.unit } : {}),
    ...(field.selectOptions
      ? {
          selectOptions: field.selectOptions.map((o, index) => ({
            value: o.value,
            name: o.name,
            order: index,
            dividerAfter: false,
          })),
        }
      : {}),
  }));
}

function toSpecificationResource(specification: CustomFormatSpecification): CustomFormatSpecificationResource {
  return {
    id: 0,
    name: specification.name,
    implementation: specification.implementation,
    implementationName: specificationDefinition(specification.implementation)?.implementationName ?? "",
    negate: specification.negate,
    required: specification.required,
    fields: fieldResources(specification.implementation, specification.fields),
  };
}

/** A stored format in Radarr's API shape (fields as `[{name, value, ...}]`). */
export function toCustomFormatResource<F extends CustomFormatDraft & { id?: number }>(format: F): CustomFormatResource {
  return {
    ...(format.id !== undefined ? { id: format.id } : {}),
    name: format.name,
    includeCustomFormatWhenRenaming: format.includeCustomFormatWhenRenaming,
    specifications: format.specifications.map(toSpecificationResource),
  };
}

/** A format as sent by a Radarr client, with fields keyed by name; labels and options are dropped. */
export function fromCustomFormatResource(resource: CustomFormatResourceInput): CustomFormatDraft & { id?: number } {
  return {
    ...(resource.id !== undefined ? { id: resource.id } : {}),
    name: resource.name,
    includeCustomFormatWhenRenaming: resource.includeCustomFormatWhenRenaming ?? false,
    specifications: (resource.specifications ?? []).map((specification) => ({
      name: specification.name,
      implementation: specification.implementation,
      negate: specification.negate ?? false,
      required: specification.required ?? false,
      fields: Object.fromEntries((specification.fields ?? []).map((field) => [field.name, field.value])),
    })),
  };
}

/** Radarr's `GET /customformat/schema`: one blank specification of each kind, fields at their defaults. */
export function customFormatSchema(): CustomFormatSpecificationResource[] {
  return SPECIFICATION_DEFINITIONS.map((definition) =>
    toSpecificationResource({
      name: "",
      implementation: definition.implementation,
      negate: false,
      required: false,
      fields: {},
    }),
  );
}
