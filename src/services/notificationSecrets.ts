import type { Env } from "../config";
import { NOTIFICATIONS } from "../providers/notifications";
import { decryptSecret, encryptSecret, MASKED_SECRET } from "./secrets";

/**
 * Which notification settings are secrets comes from each implementation's fields: a field with a
 * privacy other than "normal" is one as a whole, except a key-value list (headers), whose values
 * are secrets and whose keys are not.
 */
interface SecretFields {
  whole: string[];
  keyValues: string[];
}

function secretFieldsOf(implementation: string): SecretFields {
  const fields = NOTIFICATIONS.find((n) => n.implementation === implementation)?.fields ?? [];
  const secret = fields.filter((f) => f.privacy !== undefined && f.privacy !== "normal");
  return {
    whole: secret.filter((f) => f.type !== "keyValueList").map((f) => f.name),
    keyValues: secret.filter((f) => f.type === "keyValueList").map((f) => f.name),
  };
}

interface KeyValue {
  key: string;
  value: string;
}

type Settings = Record<string, unknown>;

function isKeyValue(value: unknown): value is KeyValue {
  const h = value as KeyValue | null;
  return typeof h === "object" && h !== null && typeof h.key === "string" && typeof h.value === "string";
}

function keyValuesOf(settings: Settings, field: string): KeyValue[] {
  const list = settings[field];
  return Array.isArray(list) ? list.filter(isKeyValue) : [];
}

async function mapSecrets(
  implementation: string,
  settings: Settings,
  map: (value: string, field: string, key?: string) => Promise<unknown> | unknown,
): Promise<Settings> {
  const out = { ...settings };
  const { whole, keyValues } = secretFieldsOf(implementation);
  for (const field of whole)
    if (typeof out[field] === "string" && out[field] !== "") out[field] = await map(out[field] as string, field);
  for (const field of keyValues) {
    const list = out[field];
    // Anything else in the list is left for validation to name.
    if (Array.isArray(list))
      out[field] = await Promise.all(
        list.map(async (h) => (isKeyValue(h) ? { ...h, value: await map(h.value, field, h.key) } : h)),
      );
  }
  return out;
}

/** Settings as a response shows them: addresses and header values masked. */
export function maskNotificationSettings(implementation: string, settings: Settings): Settings {
  const out = { ...settings };
  const { whole, keyValues } = secretFieldsOf(implementation);
  for (const field of whole) if (out[field]) out[field] = MASKED_SECRET;
  for (const field of keyValues)
    if (Array.isArray(out[field])) out[field] = keyValuesOf(out, field).map((h) => ({ ...h, value: MASKED_SECRET }));
  return out;
}

/** Stored settings decrypted for a call (plain values pass through, as /test sends them). */
export function openNotificationSettings(env: Env, implementation: string, stored: Settings): Promise<Settings> {
  return mapSecrets(implementation, stored, (value) => decryptSecret(env, value));
}

/** Validated settings as stored: every secret encrypted under ENCRYPTION_KEY. */
export function sealNotificationSettings(env: Env, implementation: string, settings: Settings): Promise<Settings> {
  return mapSecrets(implementation, settings, (value) => encryptSecret(env, value));
}

/**
 * A body's settings with every `********` replaced by the saved value it stands for (clients echo
 * what GET showed them), before validation. A masked header takes the saved header of its name.
 */
export async function unmaskNotificationSettings(
  env: Env,
  implementation: string,
  given: Settings,
  stored: Settings | undefined,
): Promise<Settings> {
  if (!stored) return given;
  const previous = await openNotificationSettings(env, implementation, stored);
  return mapSecrets(implementation, given, (value, field, key) => {
    if (value !== MASKED_SECRET) return value;
    if (key === undefined) return previous[field] ?? value;
    // The last saved header of that name wins, as it would when sent.
    const saved = keyValuesOf(previous, field).filter((h) => h.key.toLowerCase() === key.toLowerCase());
    return saved.at(-1)?.value ?? value;
  });
}
