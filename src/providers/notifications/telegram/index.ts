import { z } from "zod";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { apiUrlField, apiUrlSetting } from "../fields";
import { previewAction } from "../preview";

const TELEGRAM_API = "https://api.telegram.org";

/** Radarr's TelegramSettings (the parts used), plus the API address. */
const telegramSettings = z.object({
  botToken: z
    .string()
    .trim()
    .regex(/^\d+:[\w-]+$/, "botToken must look like 123456:ABC-DEF…"),
  chatId: z
    .string()
    .trim()
    .regex(/^(-?\d+|@\w{4,})$/, "chatId must be a number or @channelname"),
  topicId: z.number().int().positive().optional(),
  sendSilently: z.boolean().default(false),
  includeAppNameInTitle: z.boolean().default(false),
  apiUrl: apiUrlSetting(TELEGRAM_API),
});

const telegramFields: readonly ProviderField[] = [
  { name: "botToken", label: "Bot Token", type: "textbox", privacy: "apiKey", helpText: "From @BotFather" },
  { name: "chatId", label: "Chat ID", type: "textbox", helpText: "The user, group or channel (@name) to message" },
  { name: "topicId", label: "Topic ID", type: "number", advanced: true, helpText: "A forum topic of the group" },
  { name: "sendSilently", label: "Send Silently", type: "checkbox", helpText: "Without a sound" },
  { name: "includeAppNameInTitle", label: "Include Radarr in Title", type: "checkbox", advanced: true },
  apiUrlField(TELEGRAM_API),
];

/** Radarr's Telegram: the Bot API's sendMessage, the title in bold (HTML), the line under it. */
export const telegramNotification = defineProvider({
  implementation: "Telegram",
  infoLink: "https://wiki.servarr.com/radarr/supported#telegram",
  settings: telegramSettings,
  fields: telegramFields,
  open: (settings): Notifier => ({
    requests: (message) => {
      const title = settings.includeAppNameInTitle
        ? `${message.instance.instanceName} - ${message.title}`
        : message.title;
      const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return [
        postJson("telegram", `${settings.apiUrl}/bot${settings.botToken}/sendMessage`, {
          chat_id: settings.chatId,
          ...(settings.topicId ? { message_thread_id: settings.topicId } : {}),
          parse_mode: "HTML",
          text: `<b>${html(title)}</b>\n${html(message.text)}`,
          disable_notification: settings.sendSilently,
        }),
      ];
    },
  }),
  actions: { preview: previewAction },
});
