import { regexSpecification } from "./definition";

/** Matches the parsed release group against a regular expression. */
export const releaseGroupSpecification = regexSpecification(
  "ReleaseGroupSpecification",
  "Release Group",
  (subject) => subject.releaseGroup,
);
