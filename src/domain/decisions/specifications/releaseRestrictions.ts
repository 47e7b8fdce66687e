import { accept, type DecisionSpecification, reject } from "../specification";
import { termMatches } from "../terms";

/**
 * Radarr's ReleaseRestrictionsSpecification: for every release profile of the movie's tags that
 * applies to the release's indexer, the title contains one of its required terms and none of its
 * ignored terms (case-insensitive, `/regex/` supported).
 */
export const releaseRestrictions: DecisionSpecification = {
  name: "releaseRestrictions",
  type: "permanent",
  evaluate(subject, context) {
    if (!context.releaseProfiles?.length) return accept();
    const { title, indexerId } = subject.release;
    const profiles = context.releaseProfiles.filter((p) => p.indexerId === 0 || p.indexerId === indexerId);
    for (const profile of profiles) {
      if (profile.required.length && !profile.required.some((term) => termMatches(term, title)))
        return reject(
          "mustContainMissing",
          `Does not contain one of the required terms: ${profile.required.join(", ")}`,
        );
    }
    for (const profile of profiles) {
      const found = profile.ignored.filter((term) => termMatches(term, title));
      if (found.length) return reject("mustNotContainPresent", `Contains these ignored terms: ${found.join(", ")}`);
    }
    return accept();
  },
};
