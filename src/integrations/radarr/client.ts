import { type ZodType, z } from "zod";
import { type Env, upstreamPolicy } from "../../config";
import type { Logger } from "../../observability/logger";
import { readJson, upstreamFetch } from "../http";
import {
  radarrCustomFormatSchema,
  radarrDelayProfileSchema,
  radarrExclusionSchema,
  radarrMovieSchema,
  radarrNamingSchema,
  radarrProviderSchema,
  radarrQualityDefinitionSchema,
  radarrQualityProfileSchema,
  radarrRootFolderSchema,
  radarrTagSchema,
} from "./schemas";

const SERVICE = "radarr";

/** Where a running Radarr is and the API key it takes (Settings › General › Security). */
export interface RadarrSource {
  url: string;
  apiKey: string;
}

/**
 * Reads a running Radarr's v3 API (the upstream retry policy, one Failure on error: a refused key
 * is Radarr's 401, reported as the key being wrong).
 */
export class RadarrClient {
  constructor(
    private readonly env: Env,
    private readonly source: RadarrSource,
    private readonly logger?: Logger,
  ) {}

  private async get<T>(path: string, schema: ZodType<T>): Promise<T> {
    const response = await upstreamFetch({
      service: SERVICE,
      url: `${this.source.url.replace(/\/+$/, "")}/api/v3/${path}`,
      init: { headers: { accept: "application/json", "X-Api-Key": this.source.apiKey } },
      policy: upstreamPolicy(this.env),
      logger: this.logger,
    });
    return readJson(SERVICE, response, schema);
  }

  status = () => this.get("system/status", z.looseObject({ version: z.string() }));
  tags = () => this.get("tag", z.array(radarrTagSchema));
  customFormats = () => this.get("customformat", z.array(radarrCustomFormatSchema));
  qualityProfiles = () => this.get("qualityprofile", z.array(radarrQualityProfileSchema));
  qualityDefinitions = () => this.get("qualitydefinition", z.array(radarrQualityDefinitionSchema));
  rootFolders = () => this.get("rootfolder", z.array(radarrRootFolderSchema));
  movies = () => this.get("movie", z.array(radarrMovieSchema));
  exclusions = () => this.get("exclusions", z.array(radarrExclusionSchema));
  indexers = () => this.get("indexer", z.array(radarrProviderSchema));
  downloadClients = () => this.get("downloadclient", z.array(radarrProviderSchema));
  importLists = () => this.get("importlist", z.array(radarrProviderSchema));
  naming = () => this.get("config/naming", radarrNamingSchema);
  delayProfiles = () => this.get("delayprofile", z.array(radarrDelayProfileSchema));
}
