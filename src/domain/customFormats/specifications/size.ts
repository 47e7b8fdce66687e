import { rangeSpecification } from "./definition";

const GIGABYTE = 1024 ** 3;

/** Matches a release larger than `min` and at most `max` gigabytes, as Radarr bounds it. */
export const sizeSpecification = rangeSpecification(
  "SizeSpecification",
  "Size",
  "GB",
  { maxAboveMin: true },
  (subject, min, max) => subject.size > min * GIGABYTE && subject.size <= max * GIGABYTE,
);
