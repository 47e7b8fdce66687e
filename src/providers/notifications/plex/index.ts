import { z } from "zod";
import { defineProvider, type ProviderField } from "../../definition";
import type { NotificationRequest, Notifier } from "../definition";
import { LIBRARY_EVENTS, movieFolder, type NotificationMessage } from "../events";
import { serverConnection, serverFields, serverUrl } from "../fields";
import { previewAction } from "../preview";

/** Radarr's PlexServerSettings (the parts used). */
const plexServerSettings = z.object({
  ...serverConnection(32400),
  authToken: z.string().trim().min(1, "authToken is required").max(200),
  updateLibrary: z.boolean().default(true),
});
type PlexServerSettings = z.infer<typeof plexServerSettings>;

const plexServerFields: readonly ProviderField[] = [
  ...serverFields,
  { name: "authToken", label: "Auth Token", type: "textbox", privacy: "apiKey", helpText: "Plex's X-Plex-Token" },
  {
    name: "updateLibrary",
    label: "Update Library",
    type: "checkbox",
    helpText: "Refresh the movie's folder on import, rename and delete",
  },
];

/** One library section as /library/sections lists it (JSON). */
const sectionsAnswer = z.object({
  MediaContainer: z.object({
    Directory: z
      .array(
        z.object({ key: z.string(), type: z.string(), Location: z.array(z.object({ path: z.string() })).default([]) }),
      )
      .default([]),
  }),
});

const under = (folder: string, root: string) => {
  const base = root.replace(/[\\/]+$/, "");
  return folder === base || folder.startsWith(`${base}/`) || folder.startsWith(`${base}\\`);
};

function plexNotifier(settings: PlexServerSettings): Notifier {
  const call = (path: string): NotificationRequest => ({
    service: "plex-server",
    url: `${serverUrl(settings)}${path}`,
    method: "GET",
    headers: { accept: "application/json", "X-Plex-Token": settings.authToken, "X-Plex-Product": "Radarr Edge" },
  });
  const refreshing = (message: NotificationMessage) =>
    LIBRARY_EVENTS.has(message.event as never) && settings.updateLibrary && movieFolder(message) !== undefined;
  return {
    // A test reads the sections (the token works); a library event first finds the movie's section.
    requests: (message) => (message.event === "test" || refreshing(message) ? [call("/library/sections")] : []),
    followUp: (message, answer) => {
      const folder = movieFolder(message);
      if (message.event === "test" || !folder) return null;
      const sections = sectionsAnswer.parse(answer).MediaContainer.Directory.filter((d) => d.type === "movie");
      const section = sections.find((d) => d.Location.some((l) => under(folder, l.path)));
      if (!section) return null;
      return call(`/library/sections/${encodeURIComponent(section.key)}/refresh?path=${encodeURIComponent(folder)}`);
    },
  };
}

/**
 * Radarr's Plex Media Server: on import, upgrade, rename and delete, refreshes the movie's folder
 * in the movie section that holds it (/library/sections, then /library/sections/{key}/refresh?path=).
 */
export const plexServerNotification = defineProvider({
  implementation: "PlexServer",
  implementationName: "Plex Media Server",
  infoLink: "https://wiki.servarr.com/radarr/supported#plexserver",
  settings: plexServerSettings,
  fields: plexServerFields,
  open: (settings) => plexNotifier(settings),
  actions: { preview: previewAction },
});
