/** The failure taxonomy: the one list of ways an upstream or a download can fail. */
export const FAILURE_KINDS = [
  "connectionTimeout",
  "connectionFailed",
  "authenticationFailed",
  "rateLimited",
  "upstreamError",
  "notFound",
  "parseError",
  "downloadStalled",
  "hashMismatch",
  "downloadFailed",
  "importFailed",
  "diskFull",
  "permissionDenied",
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Maps an upstream HTTP status to the failure kind it signals (undefined for success). */
export function failureKindForStatus(status: number): FailureKind | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403) return "authenticationFailed";
  if (status === 404) return "notFound";
  if (status === 429) return "rateLimited";
  if (status === 408 || status === 504) return "connectionTimeout";
  return "upstreamError";
}

/** Whether another attempt may succeed without anything changing on our side. */
export function isTransient(kind: FailureKind): boolean {
  return (
    kind === "connectionTimeout" || kind === "connectionFailed" || kind === "rateLimited" || kind === "upstreamError"
  );
}
