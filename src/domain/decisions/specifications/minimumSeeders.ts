import { accept, type DecisionSpecification, reject } from "../specification";

/** Radarr's default minimum seeders for a torrent indexer. */
const DEFAULT_MINIMUM_SEEDERS = 1;

/** A torrent has at least the indexer's minimum seeders; an unknown count passes. */
export const minimumSeeders: DecisionSpecification = {
  name: "minimumSeeders",
  type: "permanent",
  evaluate(subject, context) {
    const { release } = subject;
    if (release.protocol !== "torrent" || release.seeders == null) return accept();
    const minimum = context.settings.indexers?.[release.indexerId]?.minimumSeeders ?? DEFAULT_MINIMUM_SEEDERS;
    if (release.seeders >= minimum) return accept();
    return reject("notEnoughSeeders", `Not enough seeders: ${release.seeders}. Minimum seeders: ${minimum}`);
  },
};
