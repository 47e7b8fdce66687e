import { SOURCE_VALUES } from "../qualityEnums";
import { optionSpecification } from "./definition";

/** Matches the source of the parsed quality (Radarr's `Source` enum: 7 WEB-DL, 9 Bluray, ...). */
export const sourceSpecification = optionSpecification(
  "SourceSpecification",
  "Source",
  "Source",
  Object.entries(SOURCE_VALUES).map(([name, value]) => ({ value, name })),
  (subject, value) => subject.source === value,
);
