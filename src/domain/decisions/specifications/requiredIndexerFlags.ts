import { indexerFlagNames } from "../../customFormats";
import { accept, type DecisionSpecification, reject } from "../specification";

/** When the indexer requires flags, the release carries at least one of them. */
export const requiredIndexerFlags: DecisionSpecification = {
  name: "requiredIndexerFlags",
  type: "permanent",
  evaluate(subject, context) {
    const { release } = subject;
    const required = context.settings.indexers?.[release.indexerId]?.requiredFlags ?? [];
    if (required.length === 0) return accept();
    const flags = release.indexerFlags ?? 0;
    if (required.some((flag) => (flags & flag) === flag)) return accept();
    const wanted = indexerFlagNames(required.reduce((mask, flag) => mask | flag, 0)).join(", ");
    const found = indexerFlagNames(flags).join(", ") || "none";
    return reject(
      "missingRequiredIndexerFlags",
      `None of the required indexer flags ${wanted} were found. Found flags: ${found}`,
    );
  },
};
