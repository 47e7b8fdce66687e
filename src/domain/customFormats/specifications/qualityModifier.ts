import { MODIFIER_VALUES } from "../qualityEnums";
import { optionSpecification } from "./definition";

/** Matches the modifier of the parsed quality (Radarr's `Modifier` enum: 5 remux, 4 BR-DISK, ...). */
export const qualityModifierSpecification = optionSpecification(
  "QualityModifierSpecification",
  "Quality Modifier",
  "Quality Modifier",
  Object.entries(MODIFIER_VALUES).map(([name, value]) => ({ value, name })),
  (subject, value) => subject.modifier === value,
);
