import type { Env } from "../config";
import { decryptSecret, encryptSecret, MASKED_SECRET } from "./secrets";

/**
 * Which notification settings are secrets. A webhook address is one as a whole: Discord's
 * `/api/webhooks/<id>/<token>`, Slack's and most others carry their credential in the path or
 * query, so no part of it is shown. Header values (Authorization, API keys) are secrets too; the
 * header names are not, so a client can see which headers it sends.
 */
const SECRET_FIELDS: Record<string, readonly string[]> = { Webhook: ["url"], Discord: ["webHookUrl"] };
const HEADERS_FIELD = "headers";

interface Header {
  key: string;
  value: string;
}

type Settings = Record<string, unknown>;

function isHeader(value: unknown): value is Header {
  const h = value as Header | null;
  return typeof h === "object" && h !== null && typeof h.key === "string" && typeof h.value === "string";
}

function headersOf(settings: Settings): Header[] {
  const headers = settings[HEADERS_FIELD];
  return Array.isArray(headers) ? headers.filter(isHeader) : [];
}

async function mapSecrets(
  implementation: string,
  settings: Settings,
  map: (value: string, field: string, header?: string) => Promise<unknown> | unknown,
): Promise<Settings> {
  const out = { ...settings };
  for (const field of SECRET_FIELDS[implementation] ?? [])
    if (typeof out[field] === "string" && out[field] !== "") out[field] = await map(out[field] as string, field);
  const headers = out[HEADERS_FIELD];
  // Anything else in `headers` is left for validation to name.
  if (Array.isArray(headers)) {
    out[HEADERS_FIELD] = await Promise.all(
      headers.map(async (h) => (isHeader(h) ? { ...h, value: await map(h.value, HEADERS_FIELD, h.key) } : h)),
    );
  }
  return out;
}

/** Settings as a response shows them: addresses and header values masked. */
export function maskNotificationSettings(implementation: string, settings: Settings): Settings {
  const out = { ...settings };
  for (const field of SECRET_FIELDS[implementation] ?? []) if (out[field]) out[field] = MASKED_SECRET;
  if (Array.isArray(out[HEADERS_FIELD]))
    out[HEADERS_FIELD] = headersOf(out).map((h) => ({ ...h, value: MASKED_SECRET }));
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
  const savedHeader = new Map(headersOf(previous).map((h) => [h.key.toLowerCase(), h.value]));
  return mapSecrets(implementation, given, (value, field, header) => {
    if (value !== MASKED_SECRET) return value;
    return header !== undefined ? (savedHeader.get(header.toLowerCase()) ?? value) : (previous[field] ?? value);
  });
}
