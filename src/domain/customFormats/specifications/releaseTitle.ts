import { regexSpecification } from "./definition";

/** Matches the release title (and the title as parsed, when it differs) against a regular expression. */
export const releaseTitleSpecification = regexSpecification("ReleaseTitleSpecification", "Release Title", (subject) =>
  subject.parsedReleaseTitle === subject.releaseTitle
    ? [subject.releaseTitle]
    : [subject.releaseTitle, subject.parsedReleaseTitle],
);
