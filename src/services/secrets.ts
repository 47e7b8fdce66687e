import type { Env } from "../config";

/**
 * Credentials stored in D1 (list tokens, passwords) are encrypted with AES-GCM under
 * ENCRYPTION_KEY (32 bytes, base64). Stored form: `enc:v1:<iv base64>:<ciphertext base64>`.
 */
const PREFIX = "enc:v1:";
export const MASKED_SECRET = "********";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function key(env: Env): Promise<CryptoKey> {
  if (!env.ENCRYPTION_KEY) throw new Error("ENCRYPTION_KEY is not set: credentials cannot be stored");
  const raw = fromBase64(env.ENCRYPTION_KEY);
  if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function isEncrypted(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}

export async function encryptSecret(env: Env, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key(env), new TextEncoder().encode(plain)),
  );
  return `${PREFIX}${toBase64(iv)}:${toBase64(cipher)}`;
}

export async function decryptSecret(env: Env, stored: string): Promise<string> {
  if (!isEncrypted(stored)) return stored;
  const [ivText, cipherText] = stored.slice(PREFIX.length).split(":");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(ivText) },
    await key(env),
    fromBase64(cipherText),
  );
  return new TextDecoder().decode(plain);
}

/**
 * Settings as stored: secret fields encrypted. A field sent back masked keeps its stored value
 * (clients echo what GET returned).
 */
export async function sealSettings(
  env: Env,
  settings: Record<string, unknown>,
  secretFields: readonly string[],
  previous: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const out = { ...settings };
  for (const field of secretFields) {
    const value = out[field];
    if (value === MASKED_SECRET) out[field] = previous[field];
    else if (typeof value === "string" && value !== "" && !isEncrypted(value))
      out[field] = await encryptSecret(env, value);
  }
  return out;
}

export async function openSettings(env: Env, settings: Record<string, unknown>, secretFields: readonly string[]) {
  const out = { ...settings };
  for (const field of secretFields)
    if (isEncrypted(out[field])) out[field] = await decryptSecret(env, out[field] as string);
  return out;
}

/** Settings as a response shows them: secrets masked. */
export function maskSettings(settings: Record<string, unknown>, secretFields: readonly string[]) {
  const out = { ...settings };
  for (const field of secretFields) if (out[field]) out[field] = MASKED_SECRET;
  return out;
}
