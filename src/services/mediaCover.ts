import { MovieRepository } from "../db/repositories/movies";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { fetchTmdbImage } from "../integrations/tmdb/images";
import type { ServiceContext } from "./context";

/** Radarr's cover files: `poster.jpg`, `fanart.jpg`, their resized copies (`poster-500.jpg`, `fanart-360.jpg`), … */
const COVER_FILE = /^(poster|fanart|banner|logo|clearlogo|headshot|screenshot)(?:-(\d+))?\.(jpg|jpeg|png|gif)$/i;

/**
 * The TMDb size of Radarr's resized copies: Radarr makes posters 500 and 250 px wide and fanart
 * 360 and 180 px high; TMDb's next larger width stands in (the original for the full copy).
 */
function tmdbSize(coverType: string, height: number | undefined): string {
  if (height === undefined) return "original";
  if (coverType === "fanart") return height > 180 ? "w780" : "w300";
  return height > 342 ? "w500" : height > 185 ? "w342" : "w185";
}

/**
 * Radarr's /mediacover/{movieId}/{file}: Radarr serves the covers it downloaded to its disk; here
 * the picture comes from TMDb's image CDN by the movie's stored image paths, in the asked size.
 */
export async function mediaCover(ctx: ServiceContext, movieId: number, filename: string) {
  const match = filename.match(COVER_FILE);
  if (!match) throw invalidInput("path.filename", "filename must be a cover file such as poster.jpg or fanart-360.jpg");
  const coverType = match[1].toLowerCase() === "clearlogo" ? "logo" : match[1].toLowerCase();
  const movie = await new MovieRepository(ctx.db).row(movieId);
  if (!movie) throw resourceNotFound(`Movie ${movieId}`);
  const image = movie.metadata.images.find((i) => i.coverType === coverType);
  const path = image?.remoteUrl.match(/\/t\/p\/[^/]+(\/.+)$/)?.[1];
  if (!path) throw resourceNotFound(`The ${coverType} of movie ${movieId}`);
  const size = tmdbSize(coverType, match[2] === undefined ? undefined : Number(match[2]));
  return fetchTmdbImage(ctx.env, `/t/p/${size}${path}`, ctx.logger);
}
