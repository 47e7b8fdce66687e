import type { SpecificationDefinition } from "./definition";
import { editionSpecification } from "./edition";
import { indexerFlagSpecification } from "./indexerFlag";
import { languageSpecification } from "./language";
import { qualityModifierSpecification } from "./qualityModifier";
import { releaseGroupSpecification } from "./releaseGroup";
import { releaseTitleSpecification } from "./releaseTitle";
import { resolutionSpecification } from "./resolution";
import { sizeSpecification } from "./size";
import { sourceSpecification } from "./source";
import { yearSpecification } from "./year";

/** Every custom format specification kind; adding one is adding a module and a line here. */
export const SPECIFICATION_DEFINITIONS: readonly SpecificationDefinition[] = [
  releaseTitleSpecification,
  editionSpecification,
  releaseGroupSpecification,
  languageSpecification,
  indexerFlagSpecification,
  sourceSpecification,
  resolutionSpecification,
  qualityModifierSpecification,
  sizeSpecification,
  yearSpecification,
];

const BY_IMPLEMENTATION = new Map(SPECIFICATION_DEFINITIONS.map((d) => [d.implementation, d]));

export function specificationDefinition(implementation: string): SpecificationDefinition | undefined {
  return BY_IMPLEMENTATION.get(implementation);
}

export type { SpecificationDefinition } from "./definition";
