import type { PreparedDecisionContext } from "./context";
import type { RejectionType, ReleaseSubject, SpecificationResult } from "./types";

/** One decision rule (Radarr's `IDownloadDecisionEngineSpecification`): accept, or a reason not to. */
export interface DecisionSpecification {
  /** camelCase name reported with each rejection. */
  name: string;
  /** Temporary rejections may pass later without anything changing (a release too young). */
  type: RejectionType;
  evaluate(subject: ReleaseSubject, context: PreparedDecisionContext): SpecificationResult;
}

const ACCEPTED: SpecificationResult = Object.freeze({ accepted: true });

export function accept(): SpecificationResult {
  return ACCEPTED;
}

export function reject(reason: string, message: string): SpecificationResult {
  return { accepted: false, reason, message };
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** Bytes as Radarr's `SizeSuffix` writes them: binary multiples, one decimal ("1.4 GB"). */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

export const MEGABYTE = 1024 * 1024;
