import type { ProfileItem } from "../quality/profiles";
import { Qualities, type Quality, qualityById } from "../quality/qualities";
import type { ComparableQuality, QualityModelInput, RevisionInput } from "./types";

/** Where a quality sits in a profile: the top-level item, and its place inside a group. */
interface QualityIndex {
  /** -1 when the profile does not list the quality. */
  index: number;
  groupIndex: number;
}

/** A profile's order (Radarr's `QualityProfile.GetIndex`), looked up by quality id or group id. */
export interface ProfileOrder {
  ofQuality(qualityId: number): QualityIndex;
  /** The index of the item with this quality or group id, -1 when absent. */
  ofItem(itemId: number): number;
  /** The top-level item holding the quality. */
  itemOf(qualityId: number): ProfileItem | undefined;
  /** The index of the first allowed item, -1 when none is. */
  firstAllowedIndex: number;
}

const NOT_LISTED: QualityIndex = Object.freeze({ index: -1, groupIndex: 0 });

export function profileOrder(items: readonly ProfileItem[]): ProfileOrder {
  const byQuality = new Map<number, QualityIndex>();
  const byItem = new Map<number, number>();
  items.forEach((item, index) => {
    if (item.quality !== undefined) {
      byQuality.set(item.quality, { index, groupIndex: 0 });
      byItem.set(item.quality, index);
      return;
    }
    if (item.id !== undefined) byItem.set(item.id, index);
    item.items.forEach((member, groupIndex) => {
      if (member.quality !== undefined) byQuality.set(member.quality, { index, groupIndex });
    });
  });
  return {
    ofQuality: (qualityId) => byQuality.get(qualityId) ?? NOT_LISTED,
    ofItem: (itemId) => byItem.get(itemId) ?? -1,
    itemOf: (qualityId) => {
      const at = byQuality.get(qualityId);
      return at ? items[at.index] : undefined;
    },
    firstAllowedIndex: items.findIndex((item) => item.allowed),
  };
}

/** Radarr's `Revision.CompareTo`: REAL count first, then version. */
export function compareRevisions(left: RevisionInput, right: RevisionInput): number {
  if (left.real !== right.real) return left.real > right.real ? 1 : -1;
  if (left.version !== right.version) return left.version > right.version ? 1 : -1;
  return 0;
}

/** Radarr's `QualityModelComparer` on qualities: profile position only, qualities in one group tie. */
export function compareQualities(order: ProfileOrder, left: Quality, right: Quality): number {
  return Math.sign(order.ofQuality(left.id).index - order.ofQuality(right.id).index);
}

/** Radarr's `QualityModelComparer` on quality models: profile position, then revision. */
export function compareQualityModels(order: ProfileOrder, left: ComparableQuality, right: ComparableQuality): number {
  return compareQualities(order, left.quality, right.quality) || compareRevisions(left.revision, right.revision);
}

/** A stored or API quality (`{quality: 7}` or `{quality: {id: 7}}`) as a comparable quality model. */
export function toComparableQuality(input: QualityModelInput): ComparableQuality {
  const id = typeof input.quality === "number" ? input.quality : input.quality.id;
  return {
    quality: qualityById(id) ?? Qualities.Unknown,
    revision: {
      version: input.revision?.version ?? 1,
      real: input.revision?.real ?? 0,
      isRepack: input.revision?.isRepack ?? false,
    },
  };
}

/** Radarr's `QualityModel.ToString()`: "Bluray-1080p v2", with " Real:1" when a REAL tag counts. */
export function describeQuality(model: ComparableQuality): string {
  const real = model.revision.real > 0 ? ` Real:${model.revision.real}` : "";
  return `${model.quality.name} v${model.revision.version}${real}`;
}
