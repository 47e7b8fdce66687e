import { z } from "zod";
import { APP_NAME } from "../../../config";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import type { ProviderField } from "../../definition";

/** Radarr's DiscordSettings (the parts used). */
export const discordSettings = z.object({
  webHookUrl: httpUrlSetting({ allowQuery: true }),
  username: z.string().max(80).default(APP_NAME),
});

/** Discord's `/api/webhooks/<id>/<token>` carries its credential: the address is a secret. */
export const discordFields: readonly ProviderField[] = [
  { name: "webHookUrl", label: "Webhook URL", type: "url", privacy: "apiKey" },
  { name: "username", label: "Username", type: "textbox" },
];
