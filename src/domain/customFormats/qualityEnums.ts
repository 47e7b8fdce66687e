import type { QualityModifier, QualitySource } from "../quality/qualities";

/** Radarr's `Source` enum values, as custom format specifications and its API carry them. */
export const SOURCE_VALUES: Readonly<Record<QualitySource, number>> = Object.freeze({
  unknown: 0,
  cam: 1,
  telesync: 2,
  telecine: 3,
  workprint: 4,
  dvd: 5,
  tv: 6,
  webdl: 7,
  webrip: 8,
  bluray: 9,
});

/** Radarr's `Modifier` enum values. */
export const MODIFIER_VALUES: Readonly<Record<QualityModifier, number>> = Object.freeze({
  none: 0,
  regional: 1,
  screener: 2,
  rawhd: 3,
  brdisk: 4,
  remux: 5,
});

/** Radarr's `Resolution` enum values (lines). */
export const RESOLUTION_VALUES: readonly number[] = Object.freeze([360, 480, 540, 576, 720, 1080, 2160]);
