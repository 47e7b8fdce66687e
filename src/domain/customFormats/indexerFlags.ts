/**
 * Release flags an indexer reports, with Radarr's `IndexerFlags` bit values (so API payloads
 * round-trip): one bit each, combined in a mask.
 * The one definition of the bits; indexers set them, custom formats and decisions read them.
 */
export const IndexerFlags = Object.freeze({
  freeleech: 1,
  halfleech: 2,
  doubleUpload: 4,
  ptpGolden: 8,
  ptpApproved: 16,
  internal: 32,
  ahdInternal: 64,
  scene: 128,
  freeleech75: 256,
  freeleech25: 512,
  ahdUserRelease: 1024,
  nuked: 2048,
});

export type IndexerFlagName = keyof typeof IndexerFlags;

export const INDEXER_FLAG_VALUES: readonly number[] = Object.freeze(Object.values(IndexerFlags));

/** The names of the flags set in a mask, lowest bit first. */
export function indexerFlagNames(mask: number): IndexerFlagName[] {
  return (Object.keys(IndexerFlags) as IndexerFlagName[]).filter((name) => (mask & IndexerFlags[name]) !== 0);
}
