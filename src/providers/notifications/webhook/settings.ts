import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import type { ProviderField } from "../../definition";

/** How a webhook is called (Radarr's WebhookMethod, its codes; the names are read too). */
const WEBHOOK_METHODS = [
  { value: 1, name: "POST", alias: "POST" },
  { value: 2, name: "PUT", alias: "PUT" },
] as const;

/** The HTTP method of a webhook's method setting. */
export const webhookMethod = (code: number) => (code === 2 ? "PUT" : "POST");

/**
 * Extra headers a webhook is called with (Radarr's Headers): names must be HTTP tokens and values
 * one line, or the call could never be made.
 */
const webhookHeaders = z
  .array(
    z.object({
      key: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name"),
      value: z
        .string()
        .max(4096)
        .regex(/^[^\r\n]*$/, "must be one line"),
    }),
  )
  .max(20)
  .default([]);

/** Radarr's WebhookSettings (the parts used). The address is called as given: its query is part of it. */
export const webhookSettings = z.object({
  url: httpUrlSetting({ allowQuery: true }),
  method: codedChoiceSetting(WEBHOOK_METHODS).default(1),
  headers: webhookHeaders,
});

/**
 * The address is a secret as a whole (most carry a token in the path or query); header values are
 * (Authorization, API keys), header names are not, so a client sees which headers it sends.
 */
export const webhookFields: readonly ProviderField[] = [
  { name: "url", label: "URL", type: "url", privacy: "apiKey" },
  { name: "method", label: "Method", type: "select", selectOptions: WEBHOOK_METHODS },
  { name: "headers", label: "Headers", type: "keyValueList", privacy: "password" },
];
