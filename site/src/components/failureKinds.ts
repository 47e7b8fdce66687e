import type { FailureKind } from "../api";
import { inWords } from "./format";

/** The failure taxonomy as the site words it. */
export const FAILURE_KIND_LABELS: Record<FailureKind, string> = {
  connectionTimeout: "Connection timeout",
  connectionFailed: "Connection failed",
  authenticationFailed: "Authentication failed",
  rateLimited: "Rate limited",
  upstreamError: "Upstream error",
  notFound: "Not found",
  parseError: "Parse error",
  downloadStalled: "Download stalled",
  hashMismatch: "Hash mismatch",
  downloadFailed: "Download failed",
  importFailed: "Import failed",
  diskFull: "Disk full",
  permissionDenied: "Permission denied",
};

/** Any failure kind the server sends in words, a kind newer than this site included. */
export const failureKindInWords = (kind: string) => FAILURE_KIND_LABELS[kind as FailureKind] ?? inWords(kind);
