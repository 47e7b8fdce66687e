import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { TransmissionClient } from "./proxy";
import { transmissionFields, transmissionSettingsSchema } from "./settings";

export const transmission = defineProvider({
  implementation: "Transmission",
  infoLink: "https://github.com/transmission/transmission/blob/main/docs/rpc-spec.md",
  protocol: "torrent",
  settings: transmissionSettingsSchema,
  fields: transmissionFields,
  open: (settings, context: ClientContext) => new TransmissionClient(settings, context),
});
