import { specificationDefinition } from "./specifications";
import type { CustomFormatDraft } from "./types";

export interface CustomFormatProblem {
  /** Where the problem is, e.g. `specifications.1.fields.value`. */
  path: string;
  message: string;
}

/** Radarr's custom format rules: a name, at least one specification, each known and with valid fields. */
export function validateCustomFormat(format: CustomFormatDraft): CustomFormatProblem[] {
  const problems: CustomFormatProblem[] = [];
  if (typeof format.name !== "string" || format.name.trim() === "") {
    problems.push({ path: "name", message: "a custom format needs a name" });
  }
  if (!Array.isArray(format.specifications) || format.specifications.length === 0) {
    problems.push({ path: "specifications", message: "a custom format needs at least one specification" });
    return problems;
  }
  format.specifications.forEach((specification, index) => {
    const path = `specifications.${index}`;
    if (typeof specification.name !== "string" || specification.name.trim() === "") {
      problems.push({ path: `${path}.name`, message: "a specification needs a name" });
    }
    for (const flag of ["negate", "required"] as const) {
      if (specification[flag] !== undefined && typeof specification[flag] !== "boolean") {
        problems.push({ path: `${path}.${flag}`, message: "must be true or false" });
      }
    }
    const definition = specificationDefinition(specification.implementation);
    if (!definition) {
      problems.push({
        path: `${path}.implementation`,
        message: `unknown implementation "${specification.implementation}"`,
      });
      return;
    }
    const fields = specification.fields && typeof specification.fields === "object" ? specification.fields : {};
    for (const problem of definition.validate(fields)) {
      problems.push({ path: `${path}.fields.${problem.field}`, message: problem.message });
    }
  });
  return problems;
}
