import { IndexerFlags } from "../indexerFlags";
import { optionSpecification } from "./definition";

/** Matches a release whose indexer set the chosen flag (freeleech, internal, scene, ...). */
export const indexerFlagSpecification = optionSpecification(
  "IndexerFlagSpecification",
  "Indexer Flag",
  "Flag",
  Object.entries(IndexerFlags).map(([name, value]) => ({ value, name })),
  (subject, flag) => (subject.indexerFlags & flag) === flag,
);
