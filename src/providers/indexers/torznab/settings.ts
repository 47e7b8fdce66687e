import { z } from "zod";
import { newznabCommonSettings } from "../newznab/settings";
import { seedSettings } from "../seeding";

/** Torznab: Newznab's API for torrents (Prowlarr, Jackett), with a seeder floor and required flags. */
export const torznabSettingsSchema = z.object({ ...newznabCommonSettings, ...seedSettings });
