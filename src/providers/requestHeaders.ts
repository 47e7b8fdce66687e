import { requestHeadersSetting } from "../domain/validation/headers";
import type { ProviderField } from "./definition";

/**
 * The extra headers every download client and indexer accepts (e.g. a Cloudflare Access service
 * token for a service published through a Tunnel; docs/remote-services.md). A password field:
 * stored encrypted, shown masked; sent by upstreamFetch (`extraHeaders`).
 */
export const requestHeadersSettings = { requestHeaders: requestHeadersSetting };

export const requestHeadersField: ProviderField = {
  name: "requestHeaders",
  label: "Request Headers",
  type: "password",
  advanced: true,
  value: "",
  helpText:
    "Sent with every request, Name: value separated by ; (e.g. CF-Access-Client-Id: …; CF-Access-Client-Secret: …)",
};
