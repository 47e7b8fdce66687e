import { regexSpecification } from "./definition";

/** Matches the release title (and the title as parsed, when it differs) against a regular expression. */
export const releaseTitleSpecification = regexSpecification(
  "ReleaseTitleSpecification",
  "Release Title",
  (subject) => subject.releaseTitle,
  (subject) => subject.parsedReleaseTitle,
);
