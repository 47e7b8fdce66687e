import type { z } from "zod";
import { APP_NAME, type Env } from "../config";
import type { Database } from "../db/client";
import { invalidInput } from "../domain/failures/failure";
import { apiKeyMatches } from "./apiKeys";
import { HOST_SECRET_FIELDS, type hostSettingsSchema, type mediaManagementSettingsSchema } from "./configSettings";
import { maskSettings, sealSettings } from "./secrets";
import { readSettings, type SETTINGS_GROUPS, updateSettings } from "./settings";

/**
 * Radarr's config resources that join several settings or hide a secret: `/config/host`
 * (authentication and the API key are the app's own, never settings — the key lives in apiKeys.ts;
 * credentials masked) and
 * `/config/mediamanagement` (propers/repacks live with the indexer settings the decisions read).
 */

const MASKED = "********";

/** How this app authenticates, as Radarr's host resource names it: a login page, always required. */
const AUTHENTICATION = { authenticationMethod: "forms", authenticationRequired: "enabled" } as const;

type HostSettings = z.infer<typeof hostSettingsSchema>;

/** The host resource: the stored host settings, the fixed authentication, no secret in clear. */
export async function readHostConfig(db: Database) {
  const saved = await readSettings(db, "host");
  const masked = maskSettings(saved, HOST_SECRET_FIELDS) as HostSettings;
  return {
    ...masked,
    instanceName: saved.instanceName || APP_NAME,
    ...AUTHENTICATION,
    username: "",
    password: "",
    passwordConfirmation: "",
    // Shown masked, like every credential in a response; POST /config/host/apikey shows it.
    apiKey: MASKED,
  };
}

export interface HostConfigInput extends Partial<HostSettings> {
  authenticationMethod?: string;
  authenticationRequired?: string;
  username?: string | null;
  password?: string | null;
  passwordConfirmation?: string | null;
  apiKey?: string | null;
}

/**
 * Saves the host settings a PUT sent. What is not a setting here is accepted only unchanged (a
 * client echoes what GET returned): authentication, the login's username/password and the API key.
 */
export async function saveHostConfig(db: Database, env: Env, input: HostConfigInput) {
  const { authenticationMethod, authenticationRequired, username, password, passwordConfirmation, apiKey, ...rest } =
    input;
  for (const [field, given] of Object.entries({ authenticationMethod, authenticationRequired })) {
    const fixed = AUTHENTICATION[field as keyof typeof AUTHENTICATION];
    if (given !== undefined && given !== fixed)
      throw invalidInput(field, `${field} is ${fixed} here (the API key and its login page); it cannot be changed`);
  }
  for (const [field, given] of Object.entries({ username, password, passwordConfirmation })) {
    if (given)
      throw invalidInput(field, "the app has no user accounts: log in with the API key (or ADMIN_PASSWORD when set)");
  }
  if (apiKey && apiKey !== MASKED && !(await apiKeyMatches(db, env, apiKey)))
    throw invalidInput(
      "apiKey",
      "the API key cannot be set: regenerate it (Settings › General, POST /api/v3/config/host/apikey/regenerate) or set a new API_KEY secret",
    );
  const previous = await readSettings(db, "host");
  const sealed = await sealSettings(env, { ...previous, ...rest }, HOST_SECRET_FIELDS, previous);
  await updateSettings(db, "host", sealed as Partial<HostSettings>);
  return readHostConfig(db);
}

/** The name this instance goes by (system/status, notifications). */
export async function instanceName(db: Database): Promise<string> {
  return (await readSettings(db, "host")).instanceName || APP_NAME;
}

/** How notifications name their sender: the instance name and the address their links point to. */
export async function notificationInstance(db: Database) {
  const host = await readSettings(db, "host");
  return { instanceName: host.instanceName || APP_NAME, applicationUrl: host.applicationUrl };
}

type ProperDownloads = z.infer<(typeof SETTINGS_GROUPS)["indexer"]>["downloadPropersAndRepacks"];
type MediaManagementInput = Partial<z.infer<typeof mediaManagementSettingsSchema>> & {
  downloadPropersAndRepacks?: ProperDownloads;
};

export async function readMediaManagementConfig(db: Database) {
  const [media, indexer] = await Promise.all([readSettings(db, "mediamanagement"), readSettings(db, "indexer")]);
  return { ...media, downloadPropersAndRepacks: indexer.downloadPropersAndRepacks };
}

export async function saveMediaManagementConfig(db: Database, input: MediaManagementInput) {
  const { downloadPropersAndRepacks, ...media } = input;
  await updateSettings(db, "mediamanagement", media);
  if (downloadPropersAndRepacks) await updateSettings(db, "indexer", { downloadPropersAndRepacks });
  return readMediaManagementConfig(db);
}
