import { z } from "zod";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { LIBRARY_EVENTS, movieFolder, type NotificationMessage } from "../events";
import { serverConnection, serverFields, serverUrl } from "../fields";
import { previewAction } from "../preview";

/** Radarr's MediaBrowserSettings (the parts used): Emby and Jellyfin take the same calls. */
const mediaBrowserSettings = z.object({
  ...serverConnection(8096),
  apiKey: z.string().trim().min(1, "apiKey is required").max(200),
  updateLibrary: z.boolean().default(true),
});
type MediaBrowserSettings = z.infer<typeof mediaBrowserSettings>;

const mediaBrowserFields: readonly ProviderField[] = [
  ...serverFields,
  { name: "apiKey", label: "API Key", type: "textbox", privacy: "apiKey" },
  {
    name: "updateLibrary",
    label: "Update Library",
    type: "checkbox",
    helpText: "Refresh the movie's folder on import, rename and delete",
  },
];

/** How the server is told a path changed (its UpdateType). */
const updateType = (message: NotificationMessage) =>
  message.event === "movieDelete" ? "Deleted" : message.event === "download" ? "Created" : "Modified";

function mediaBrowserNotifier(service: string, settings: MediaBrowserSettings): Notifier {
  const headers = { "X-Emby-Token": settings.apiKey, "X-MediaBrowser-Token": settings.apiKey };
  return {
    requests: (message) => {
      // A test reads the server's information: the address and the key both work.
      if (message.event === "test")
        return [{ service, url: `${serverUrl(settings)}/System/Info`, method: "GET", headers }];
      const folder = movieFolder(message);
      if (!settings.updateLibrary || !folder || !LIBRARY_EVENTS.has(message.event)) return [];
      return [
        postJson(
          service,
          `${serverUrl(settings)}/Library/Media/Updated`,
          {
            Updates: [{ Path: folder, UpdateType: updateType(message) }],
          },
          headers,
        ),
      ];
    },
  };
}

/** Radarr's Emby (MediaBrowser): tells the server the movie's folder changed (/Library/Media/Updated). */
export const embyNotification = defineProvider({
  implementation: "MediaBrowser",
  implementationName: "Emby",
  infoLink: "https://wiki.servarr.com/radarr/supported#mediabrowser",
  settings: mediaBrowserSettings,
  fields: mediaBrowserFields,
  open: (settings) => mediaBrowserNotifier("emby", settings),
  actions: { preview: previewAction },
});

/** Jellyfin: Emby's calls (Jellyfin kept /Library/Media/Updated and the X-Emby-Token header). */
export const jellyfinNotification = defineProvider({
  implementation: "Jellyfin",
  infoLink: "https://jellyfin.org/docs/general/server/media/movies/",
  settings: mediaBrowserSettings,
  fields: mediaBrowserFields,
  open: (settings) => mediaBrowserNotifier("jellyfin", settings),
  actions: { preview: previewAction },
});
