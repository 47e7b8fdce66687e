import { RESOLUTION_VALUES } from "../qualityEnums";
import { optionSpecification } from "./definition";

/** Matches the resolution of the parsed quality, in lines (480, 720, 1080, 2160, ...). */
export const resolutionSpecification = optionSpecification(
  "ResolutionSpecification",
  "Resolution",
  "Resolution",
  RESOLUTION_VALUES.map((value) => ({ value, name: `${value}p` })),
  (subject, value) => subject.resolution === value,
);
