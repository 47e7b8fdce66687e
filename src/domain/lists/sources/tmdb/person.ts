import { z } from "zod";
import type { ImportListSource } from "../../source";
import { TMDB_REQUESTS_PER_SECOND, tmdbRequest } from "./request";
import { listItemsFromTmdbMovies, readTmdbResponse, tmdbPersonMovieCreditsSchema } from "./responses";
import { passesTmdbFilter, tmdbIdSetting, tmdbMovieFilterSettings } from "./settings";

/** Crew departments a person's credits can be followed for, by setting (TMDbPersonSettings). */
const CREW_DEPARTMENT_SETTINGS = {
  personCastDirector: "Directing",
  personCastProducer: "Production",
  personCastSound: "Sound",
  personCastWriting: "Writing",
} as const;

/** TMDbPersonSettings: whose movies, for which kinds of credit, with optional vote filters. */
const tmdbPersonSettingsSchema = z
  .object({
    personId: tmdbIdSetting("person"),
    personCast: z.boolean().default(false),
    personCastDirector: z.boolean().default(false),
    personCastProducer: z.boolean().default(false),
    personCastSound: z.boolean().default(false),
    personCastWriting: z.boolean().default(false),
    minVoteAverage: tmdbMovieFilterSettings.minVoteAverage,
    minVotes: tmdbMovieFilterSettings.minVotes,
  })
  .refine(
    (settings) =>
      settings.personCast || Object.keys(CREW_DEPARTMENT_SETTINGS).some((key) => settings[key as CrewSetting]),
    {
      message: "Choose at least one kind of credit: cast, directing, production, sound or writing",
      path: ["personCast"],
    },
  );
export type TMDbPersonSettings = z.infer<typeof tmdbPersonSettingsSchema>;
type CrewSetting = keyof typeof CREW_DEPARTMENT_SETTINGS;

/** The crew departments the settings follow, as TMDb names them. */
function followedDepartments(settings: TMDbPersonSettings): Set<string> {
  return new Set(
    (Object.keys(CREW_DEPARTMENT_SETTINGS) as CrewSetting[])
      .filter((key) => settings[key])
      .map((key) => CREW_DEPARTMENT_SETTINGS[key]),
  );
}

const creditField = (name: string, label: string, defaultValue: boolean) => ({
  name,
  label,
  type: "checkbox" as const,
  helpText: `Include movies the person has ${label.toLowerCase()} credits on`,
  value: defaultValue,
});

/**
 * A person's movies (Radarr's TMDbPersonImport): one request for all their movie credits, kept
 * for the cast and the crew departments chosen (Directing, Production, Sound, Writing).
 */
export const tmdbPersonSource: ImportListSource<TMDbPersonSettings> = {
  implementation: "TMDbPersonImport",
  implementationName: "TMDb Person",
  configContract: "TMDbPersonSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbPersonSettingsSchema,
  fields: [
    {
      name: "personId",
      label: "Person Id",
      type: "textbox",
      helpText: "TMDb id of the person to follow (the number in themoviedb.org/person/<id>)",
    },
    creditField("personCast", "Cast", true),
    creditField("personCastDirector", "Director", false),
    creditField("personCastProducer", "Producer", false),
    creditField("personCastSound", "Sound", false),
    creditField("personCastWriting", "Writing", false),
    {
      name: "minVoteAverage",
      label: "Minimum Vote Average",
      type: "number",
      helpText: "Only movies rated at least this on TMDb (0.0–10.0)",
      advanced: true,
    },
    {
      name: "minVotes",
      label: "Minimum Number of Votes",
      type: "number",
      helpText: "Only movies with at least this many TMDb votes",
      advanced: true,
    },
  ],

  firstRequest: (settings, env) => tmdbRequest(env, `/3/person/${settings.personId}/movie_credits`),

  parse(response, settings) {
    const credits = readTmdbResponse(response, tmdbPersonMovieCreditsSchema, "person's movie credits");
    const departments = followedDepartments(settings);
    const movies = [
      ...(settings.personCast ? credits.cast : []),
      ...credits.crew.filter((credit) => departments.has(credit.department)),
    ].filter((movie) => passesTmdbFilter(movie, settings));
    return { items: listItemsFromTmdbMovies(movies) };
  },
};
