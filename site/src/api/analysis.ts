import { request, v3 } from ".";
import type {
  AnalyzerCollection,
  AnalyzerStart,
  AnalyzerState,
  ReleaseGroupDetail,
  ReleaseGroupReputation,
} from "./resources";

/** The scene-group analysis: reputations, one group, and the HDBits analyzer's collection. */
export const analysisApi = {
  groups: (signal?: AbortSignal) => request<ReleaseGroupReputation[]>("GET", `${v3}/analysis/groups`, { signal }),
  group: (name: string, signal?: AbortSignal) =>
    request<ReleaseGroupDetail>("GET", `${v3}/analysis/groups/${encodeURIComponent(name)}`, { signal }),
  collection: (signal?: AbortSignal) => request<AnalyzerState>("GET", `${v3}/analysis/collection`, { signal }),
  start: (body: AnalyzerStart) => request<AnalyzerCollection>("POST", `${v3}/analysis/collection`, { body }),
  pause: () => request<AnalyzerCollection>("POST", `${v3}/analysis/collection/pause`),
  resume: () => request<AnalyzerCollection>("POST", `${v3}/analysis/collection/resume`),
  cancel: () => request<AnalyzerCollection>("DELETE", `${v3}/analysis/collection`),
};
