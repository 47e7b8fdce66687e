import type { z } from "zod";
import type { SelectOption } from "../../domain/validation/choices";
import type { NotificationMessage } from "./events";

/**
 * A settings field in Radarr's provider schema. `privacy` other than "normal" makes it a secret:
 * stored encrypted, shown masked; of a key-value list only the values are secret.
 */
export interface NotificationField {
  name: string;
  label: string;
  type: "url" | "textbox" | "select" | "keyValueList";
  privacy?: "normal" | "apiKey" | "password";
  selectOptions?: readonly SelectOption[];
}

/** The call that delivers one message to one target (made by the service through the upstream layer). */
export interface NotificationRequest {
  /** The upstream's name for failure accounting and circuit breaking. */
  service: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One notification target kind (Radarr's Notifications/<X>): its settings and their fields, and
 * how a message becomes a request. Definitions do no I/O.
 */
export interface NotificationDefinition<
  Implementation extends string = string,
  Shape extends z.ZodRawShape = z.ZodRawShape,
> {
  implementation: Implementation;
  configContract: string;
  settings: z.ZodObject<Shape>;
  fields: readonly NotificationField[];
  request(settings: z.output<z.ZodObject<Shape>>, message: NotificationMessage): NotificationRequest;
}

/** Types a definition's request builder by its settings (the registry holds them untyped). */
export function defineNotification<const Implementation extends string, Shape extends z.ZodRawShape>(
  definition: NotificationDefinition<Implementation, Shape>,
): NotificationDefinition<Implementation, Shape> {
  return definition;
}
