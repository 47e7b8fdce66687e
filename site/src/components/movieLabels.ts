/** A movie's status and minimum availability as the site words them. */
import type { MinimumAvailability, MovieStatus } from "../api";

export const STATUS_LABELS: Record<MovieStatus, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
  deleted: "Deleted",
};

export const AVAILABILITY_LABELS: Record<MinimumAvailability, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
};
