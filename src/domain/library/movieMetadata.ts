interface MovieImage {
  coverType: string;
  url: string;
  remoteUrl: string;
}

/**
 * TMDb-derived fields stored exactly as they appear in Radarr's MovieResource, so the full
 * library list can splice the stored JSON into each response without parsing it.
 */
export interface MovieMetadata {
  overview: string;
  images: MovieImage[];
  remotePoster?: string;
  /**
   * Radarr's AlternativeTitleResource: id and movieMetadataId are 0 in the stored metadata (as in
   * Radarr's lookup results); /alttitle serves each title with its own id.
   */
  alternateTitles: { id: number; sourceType: string; movieMetadataId: number; title: string; cleanTitle: string }[];
  ratings: Record<string, { votes: number; value: number; type: string }>;
  keywords: string[];
  studio: string;
  website: string;
  youTubeTrailerId: string;
  certification: string;
  originalLanguage: { id: number; name: string };
  collection?: { title: string; tmdbId: number };
}
