import { compileDotNetRegex } from "../dotNetRegex";
import type { MatchSubject, SpecificationFields, SpecificationProblem } from "../types";

export interface FieldOption {
  value: number;
  name: string;
}

/** How a field is presented and sent in Radarr's resource shape. */
interface FieldDefinition {
  name: string;
  label: string;
  type: "textbox" | "number" | "select" | "checkbox";
  unit?: string;
  selectOptions?: readonly FieldOption[];
  defaultValue: string | number | boolean;
}

/** One kind of custom format condition: its fields, their rules, and the test it builds. */
export interface SpecificationDefinition {
  /** Radarr's implementation name, e.g. `ReleaseTitleSpecification`. */
  implementation: string;
  implementationName: string;
  fields: readonly FieldDefinition[];
  validate(fields: SpecificationFields): SpecificationProblem[];
  /** Builds the test once, for many subjects. Only called with fields `validate` accepted. */
  compile(fields: SpecificationFields): (subject: MatchSubject) => boolean;
}

/** A number field; the API may send numbers as strings. */
export function numberField(fields: SpecificationFields, name: string): number | undefined {
  const value = fields[name];
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function booleanField(fields: SpecificationFields, name: string): boolean {
  const value = fields[name];
  return value === true || value === "true";
}

/** A non-empty string the regular expression matches. */
function matchesText(regex: RegExp, text: string): boolean {
  return text !== "" && regex.test(text);
}

/**
 * A specification whose single `value` field is a regular expression tested against one or two
 * strings of the subject (`second`, when given, is only tested when it differs from the first).
 */
export function regexSpecification(
  implementation: string,
  implementationName: string,
  first: (subject: MatchSubject) => string,
  second?: (subject: MatchSubject) => string,
): SpecificationDefinition {
  return {
    implementation,
    implementationName,
    fields: [{ name: "value", label: "Regular Expression", type: "textbox", defaultValue: "" }],
    validate(fields) {
      const value = fields.value;
      if (typeof value !== "string" || value.trim() === "")
        return [{ field: "value", message: "a regular expression is required" }];
      const compiled = compileDotNetRegex(value);
      return compiled.ok ? [] : [{ field: "value", message: `invalid regular expression: ${compiled.error}` }];
    },
    compile(fields) {
      const compiled = compileDotNetRegex(String(fields.value));
      if (!compiled.ok) return () => false;
      const regex = compiled.regex;
      if (!second) return (subject) => matchesText(regex, first(subject));
      return (subject) => {
        const text = first(subject);
        if (matchesText(regex, text)) return true;
        const other = second(subject);
        return other !== text && matchesText(regex, other);
      };
    },
  };
}

/** A specification whose single `value` field is one of a fixed set of options. */
export function optionSpecification(
  implementation: string,
  implementationName: string,
  label: string,
  options: readonly FieldOption[],
  test: (subject: MatchSubject, value: number) => boolean,
): SpecificationDefinition {
  const allowed = new Set(options.map((o) => o.value));
  return {
    implementation,
    implementationName,
    fields: [{ name: "value", label, type: "select", selectOptions: options, defaultValue: options[0].value }],
    validate(fields) {
      const value = numberField(fields, "value");
      if (value === undefined || !allowed.has(value)) {
        return [
          { field: "value", message: `must be one of ${options.map((o) => `${o.value} (${o.name})`).join(", ")}` },
        ];
      }
      return [];
    },
    compile(fields) {
      const value = numberField(fields, "value") as number;
      return (subject) => test(subject, value);
    },
  };
}

/** A specification with `min` and `max` number fields, inclusive of the bounds `test` chooses. */
export function rangeSpecification(
  implementation: string,
  implementationName: string,
  unit: string,
  rules: { maxAboveMin: boolean },
  test: (subject: MatchSubject, min: number, max: number) => boolean,
): SpecificationDefinition {
  return {
    implementation,
    implementationName,
    fields: [
      { name: "min", label: "Minimum", type: "number", unit, defaultValue: 0 },
      { name: "max", label: "Maximum", type: "number", unit, defaultValue: 0 },
    ],
    validate(fields) {
      const problems: SpecificationProblem[] = [];
      const min = numberField(fields, "min");
      const max = numberField(fields, "max");
      if (min === undefined || min < 0) problems.push({ field: "min", message: "must be a number of 0 or more" });
      if (max === undefined || max < 0) problems.push({ field: "max", message: "must be a number of 0 or more" });
      else if (min !== undefined && (rules.maxAboveMin ? max <= min : max < min)) {
        problems.push({
          field: "max",
          message: `must be ${rules.maxAboveMin ? "greater than" : "at least"} the minimum (${min})`,
        });
      }
      return problems;
    },
    compile(fields) {
      const min = numberField(fields, "min") ?? 0;
      const max = numberField(fields, "max") ?? 0;
      return (subject) => test(subject, min, max);
    },
  };
}
