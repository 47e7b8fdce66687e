import type { Movie } from "./catalogue";

/**
 * File names for generated artwork. TMDb paths look like "/abc123.jpg"; ours name what they
 * show, so the image service can draw the right picture from the name alone.
 */

export type ArtworkKind = "poster" | "backdrop" | "logo" | "profile";
type ArtworkOwner = "movie" | "collection" | "person";

export interface ArtworkFile {
  owner: ArtworkOwner;
  id: number;
  kind: ArtworkKind;
  variant: number;
}

export function moviePosterPath(id: number, variant = 1): string {
  return variant === 1 ? `/${id}-poster.jpg` : `/${id}-poster-${variant}.jpg`;
}

export function movieBackdropPath(id: number, variant = 1): string {
  return variant === 1 ? `/${id}-backdrop.jpg` : `/${id}-backdrop-${variant}.jpg`;
}

export function movieLogoPath(id: number): string {
  return `/${id}-logo.png`;
}

export function collectionPosterPath(id: number): string {
  return `/collection-${id}-poster.jpg`;
}

export function collectionBackdropPath(id: number): string {
  return `/collection-${id}-backdrop.jpg`;
}

export function profilePath(personId: number): string {
  return `/person-${personId}-profile.jpg`;
}

const ARTWORK_FILE = /^(?:(collection|person)-)?(\d+)-(poster|backdrop|logo|profile)(?:-(\d+))?\.(?:jpg|png|svg)$/;

/** Reads a file name back; undefined for names we never hand out. */
export function parseArtworkFile(file: string): ArtworkFile | undefined {
  const match = ARTWORK_FILE.exec(file.replace(/^\//, ""));
  if (!match) return undefined;
  const owner = (match[1] ?? "movie") as ArtworkOwner;
  const kind = match[3] as ArtworkKind;
  if ((owner === "person") !== (kind === "profile")) return undefined;
  return { owner, id: Number(match[2]), kind, variant: match[4] ? Number(match[4]) : 1 };
}

/** A few generated movies have no artwork yet, as on TMDb; the real ones always do. */
export function movieHasArtwork(movie: Movie): boolean {
  if (movie.real) return true;
  if (movie.status === "Planned" && !movie.releaseDate) return false;
  return movie.id % 53 !== 7;
}
