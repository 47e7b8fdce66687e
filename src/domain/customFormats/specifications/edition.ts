import { regexSpecification } from "./definition";

/** Matches the parsed edition ("Director's Cut", "IMAX") against a regular expression. */
export const editionSpecification = regexSpecification("EditionSpecification", "Edition", (subject) => subject.edition);
