import type { Language } from "./languages";
import type { QualityModel } from "./quality";

/** What a release or file name says about the movie in it: Radarr's `ParsedMovieInfo`. */
export interface ParsedMovieInfo {
  /** The title followed by its alternatives ("Title AKA Other", "Title / Other"); never empty. */
  movieTitles: string[];
  primaryMovieTitle: string;
  /** The name exactly as given. */
  originalTitle: string;
  /** The name without its media extension, reversal undone and trailing dashes trimmed. */
  releaseTitle: string;
  /** The release title with the movie title replaced by "A Movie", as groups and languages are read. */
  simpleReleaseTitle: string;
  /** 0 when the name has no year. */
  year: number;
  edition: string;
  releaseGroup: string;
  /** The CRC32 fansub releases end with ("[ABCD1234]"). */
  releaseHash: string;
  quality: QualityModel;
  languages: Language[];
  imdbId: string;
  tmdbId: number;
  hardcodedSubs: string;
  videoCodec?: string;
  audioCodec?: string;
  audioChannels?: number;
  hdrFormat?: string;
  is3D?: boolean;
  /** The torrent info hash a name or path carries. */
  infoHash?: string;
  /** True when the name marks a sample clip. */
  isSample?: boolean;
  extraInfo?: Record<string, unknown>;
}
