import { z } from "zod";
import type { Env } from "../config";
import type { DownloadProtocol } from "../domain/decisions/types";
import type { FieldPrivacy, ProviderField } from "../domain/providers/field";

export type { ProviderField };

/**
 * One implementation of a pluggable kind (an indexer, a download client, a notification target,
 * an import list): Radarr's ProviderDefinition. Its settings are declared once — a zod schema
 * for validation and one field list for the provider API — and everything else (secret fields,
 * the `/schema` template, the db enum) derives from it.
 */

/**
 * An implementation's settings schema: an object, or one read through a preprocess (TMDb Popular
 * takes its filters nested or flat).
 */
type SettingsSchema = z.ZodType<Record<string, unknown>, unknown>;

/** What an implementation can do, shown with it (Radarr's supportsRss/supportsSearch). */
interface ProviderCapabilities {
  supportsRss?: boolean;
  supportsSearch?: boolean;
}

/** What an action is asked with beside its client: the environment and the request's query. */
interface ProviderActionRequest {
  env: Env;
  query: Record<string, string>;
}

/**
 * Something an implementation does on request for its settings form (Radarr's RequestAction,
 * `POST /{kind}/action/{name}`): list a client's categories, an indexer's categories, start or
 * finish an account connection. It answers JSON; a Failure for what it cannot do.
 */
export type ProviderAction<Client> = {
  // Method syntax: a definition's actions on its own client still fit the kind's `unknown` one.
  run(client: Client, request: ProviderActionRequest): Promise<unknown>;
}["run"];

export interface ProviderDefinition<
  Implementation extends string = string,
  Settings extends SettingsSchema = SettingsSchema,
  Client = unknown,
  Context = unknown,
> {
  implementation: Implementation;
  implementationName: string;
  /** Radarr's settings class name; also the OpenAPI component of the settings. */
  configContract: string;
  infoLink: string;
  /** The protocol of the releases it handles (indexers, download clients). */
  protocol?: DownloadProtocol;
  settings: Settings;
  fields: readonly ProviderField[];
  /** The fields whose privacy is `password` or `apiKey`: encrypted in D1, masked in responses. */
  secretFields: readonly string[];
  capabilities: ProviderCapabilities;
  /** Settings the environment supplies when a body leaves them empty (HDBits' address: HDBITS_URL). */
  environmentDefaults(env: Env): Record<string, unknown>;
  /** The runtime client for settings (validated here; secrets already decrypted). */
  open(settings: Record<string, unknown>, context: Context): Client;
  /** Its actions by name (Radarr's names where Radarr has them). */
  actions: Readonly<Record<string, ProviderAction<Client>>>;
  /**
   * Actions that sign in to an account: they fetch a setting (a token), so they run on a form
   * not complete yet, its settings unchecked and no client opened (Radarr's RequestAction filters
   * its validation for them the same way).
   */
  signInActions: readonly string[];
}

/** An implementation as its folder declares it; defineProvider derives the rest. */
export interface ProviderSpec<
  Implementation extends string,
  Settings extends SettingsSchema,
  Client,
  Context,
  Protocol extends DownloadProtocol | undefined,
> {
  implementation: Implementation;
  implementationName?: string;
  configContract?: string;
  infoLink: string;
  protocol?: Protocol;
  settings: Settings;
  fields: readonly ProviderField[];
  capabilities?: ProviderCapabilities;
  environmentDefaults?(env: Env): Record<string, unknown>;
  open(settings: z.infer<Settings>, context: Context): Client;
  actions?: Readonly<Record<string, ProviderAction<Client>>>;
  signInActions?: readonly string[];
}

export function fieldPrivacy(field: ProviderField): FieldPrivacy {
  return field.privacy ?? (field.type === "password" ? "password" : "normal");
}

export function defineProvider<
  const Implementation extends string,
  Settings extends SettingsSchema,
  Client,
  Context,
  const Protocol extends DownloadProtocol | undefined = undefined,
>(
  spec: ProviderSpec<Implementation, Settings, Client, Context, Protocol>,
): ProviderDefinition<Implementation, Settings, Client, Context> & { protocol: Protocol } {
  return {
    implementation: spec.implementation,
    implementationName: spec.implementationName ?? spec.implementation,
    configContract: spec.configContract ?? `${spec.implementation}Settings`,
    infoLink: spec.infoLink,
    protocol: spec.protocol as Protocol,
    settings: spec.settings,
    fields: spec.fields,
    secretFields: spec.fields.filter((f) => ["password", "apiKey"].includes(fieldPrivacy(f))).map((f) => f.name),
    capabilities: spec.capabilities ?? {},
    environmentDefaults: spec.environmentDefaults ?? (() => ({})),
    open: (settings, context) => spec.open(spec.settings.parse(settings), context),
    actions: spec.actions ?? {},
    signInActions: spec.signInActions ?? [],
  };
}

/** The settings' own defaults (`{port: 8080, …}`), for templates and fields left unset. */
export function settingsDefaults(definition: Pick<ProviderDefinition, "settings">): Record<string, unknown> {
  const { settings } = definition;
  if (!(settings instanceof z.ZodObject)) return {};
  // Field by field: an object with refinements (TMDb Person's "one credit at least") has no partial().
  const defaults: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(settings.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(undefined);
    if (parsed.success && parsed.data !== undefined) defaults[name] = parsed.data;
  }
  return defaults;
}
