import type { SpecificationFields } from "../../customFormats/types";
import { type AutoTagSubject, autoTagSpecification } from "./specifications";

export type { AutoTagSubject } from "./specifications";

/** One condition of an auto tagging rule, as stored: Radarr's specification with its fields by name. */
export interface AutoTagCondition {
  name: string;
  implementation: string;
  /** The condition holds when the test fails. */
  negate: boolean;
  /** The rule cannot match unless this condition holds. */
  required: boolean;
  fields: SpecificationFields;
}

/** Radarr's AutoTag: the tags a movie gets while it meets every kind of condition. */
export interface AutoTagDraft {
  name: string;
  /** Take the tags off again once the movie stops meeting the conditions. */
  removeTagsAutomatically: boolean;
  tags: number[];
  specifications: AutoTagCondition[];
}

export interface AutoTagProblem {
  /** Where, e.g. `specifications.0.fields.value`. */
  path: string;
  message: string;
}

/** Radarr's rules for a rule: a name, tags, at least one condition, each named, known and valid. */
export function validateAutoTag(rule: AutoTagDraft): AutoTagProblem[] {
  const problems: AutoTagProblem[] = [];
  if (rule.name.trim() === "") problems.push({ path: "name", message: "a name is required" });
  if (rule.tags.length === 0) problems.push({ path: "tags", message: "at least one tag is required" });
  if (rule.specifications.length === 0)
    problems.push({ path: "specifications", message: "must contain at least one condition" });
  rule.specifications.forEach((condition, index) => {
    const path = `specifications.${index}`;
    if (condition.name.trim() === "")
      problems.push({ path: `${path}.name`, message: "a condition's name cannot be empty" });
    const definition = autoTagSpecification(condition.implementation);
    if (!definition) {
      problems.push({
        path: `${path}.implementation`,
        message: `unknown implementation "${condition.implementation}"`,
      });
      return;
    }
    for (const problem of definition.validate(condition.fields))
      problems.push({ path: `${path}.fields.${problem.field}`, message: problem.message });
  });
  return problems;
}

/**
 * Radarr's AutoTaggingService matching: conditions are grouped by kind; a group holds when no
 * required condition in it fails and at least one holds (each inverted when negated); the rule
 * matches when every group holds. A rule that is not valid never matches.
 */
export function autoTagMatches(rule: AutoTagDraft, subject: AutoTagSubject): boolean {
  if (rule.specifications.length === 0) return false;
  const groups = new Map<string, { required: boolean; held: boolean }[]>();
  for (const condition of rule.specifications) {
    const definition = autoTagSpecification(condition.implementation);
    if (!definition || definition.validate(condition.fields).length) return false;
    const held = definition.test(subject, condition.fields) !== condition.negate;
    const group = groups.get(condition.implementation) ?? [];
    group.push({ required: condition.required, held });
    groups.set(condition.implementation, group);
  }
  return [...groups.values()].every((group) => !group.some((c) => c.required && !c.held) && group.some((c) => c.held));
}

export interface TagChanges {
  add: number[];
  remove: number[];
}

/**
 * The tags the rules add to and take off a movie (Radarr's GetTagChanges + UpdateTags): a
 * matching rule adds its tags; a rule that does not match takes its tags off when it removes
 * automatically. A tag one rule adds stays, whatever another takes off.
 */
export function autoTagChanges(rules: readonly AutoTagDraft[], subject: AutoTagSubject): TagChanges {
  const toAdd = new Set<number>();
  const toRemove = new Set<number>();
  for (const rule of rules) {
    if (autoTagMatches(rule, subject)) for (const tag of rule.tags) toAdd.add(tag);
    else if (rule.removeTagsAutomatically) for (const tag of rule.tags) toRemove.add(tag);
  }
  const has = new Set(subject.tags);
  return {
    add: [...toAdd].filter((tag) => !has.has(tag)),
    remove: [...toRemove].filter((tag) => has.has(tag) && !toAdd.has(tag)),
  };
}
