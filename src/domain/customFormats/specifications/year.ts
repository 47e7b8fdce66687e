import { rangeSpecification } from "./definition";

/** Matches a release whose year (the parsed one, else the movie's) lies within `min`..`max`. */
export const yearSpecification = rangeSpecification(
  "YearSpecification",
  "Year",
  "",
  { maxAboveMin: false },
  (subject, min, max) => subject.year > 0 && subject.year >= min && subject.year <= max,
);
