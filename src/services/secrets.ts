import type { Env } from "../config";

/**
 * Credentials stored in D1 (list tokens, passwords) are encrypted with AES-GCM under
 * ENCRYPTION_KEY (32 bytes, base64). Stored form: `enc:v1:<iv base64>:<ciphertext base64>`.
 */
const PREFIX = "enc:v1:";
const MASKED_SECRET = "********";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function key(env: Env): Promise<CryptoKey> {
  if (!env.ENCRYPTION_KEY) throw new Error("ENCRYPTION_KEY is not set: credentials cannot be stored");
  const raw = fromBase64(env.ENCRYPTION_KEY);
  if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export function isEncrypted(value: unknown): value is string {
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
 * A secret field holding a list of key-value pairs (a webhook's headers) keeps its keys readable,
 * so a client sees which headers it sends; each value is the secret.
 */
interface KeyValue {
  key: string;
  value: string;
}

function isKeyValue(entry: unknown): entry is KeyValue {
  const pair = entry as KeyValue | null;
  return typeof pair === "object" && pair !== null && typeof pair.key === "string" && typeof pair.value === "string";
}

/** A list's pairs with each value mapped; anything else in the list is left for validation to name. */
function mapValues(list: unknown[], map: (pair: KeyValue) => Promise<string> | string): Promise<unknown[]> {
  return Promise.all(list.map(async (entry) => (isKeyValue(entry) ? { ...entry, value: await map(entry) } : entry)));
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
    if (Array.isArray(value))
      out[field] = await mapValues(value, (pair) =>
        pair.value === "" || isEncrypted(pair.value) ? pair.value : encryptSecret(env, pair.value),
      );
    else if (value === MASKED_SECRET) out[field] = previous[field];
    else if (typeof value === "string" && value !== "" && !isEncrypted(value))
      out[field] = await encryptSecret(env, value);
  }
  return out;
}

export async function openSettings(env: Env, settings: Record<string, unknown>, secretFields: readonly string[]) {
  const out = { ...settings };
  for (const field of secretFields) {
    const value = out[field];
    if (Array.isArray(value)) out[field] = await mapValues(value, (pair) => decryptSecret(env, pair.value));
    else if (isEncrypted(value)) out[field] = await decryptSecret(env, value);
  }
  return out;
}

/** Settings as a response shows them: secrets masked (of a key-value list, every value). */
export function maskSettings(settings: Record<string, unknown>, secretFields: readonly string[]) {
  const out = { ...settings };
  for (const field of secretFields) {
    const value = out[field];
    if (Array.isArray(value)) out[field] = value.filter(isKeyValue).map((pair) => ({ ...pair, value: MASKED_SECRET }));
    else if (value) out[field] = MASKED_SECRET;
  }
  return out;
}

/**
 * A secret as a body sent it, with `********` replaced by the saved value it stands for; a masked
 * pair of a key-value list takes the saved pair of its key (in any letter case), the last one
 * when several share it; a masked pair with no saved pair of its key stays as sent.
 */
export function unmaskSecret(given: unknown, saved: unknown): unknown {
  if (given === MASKED_SECRET) return saved;
  if (!Array.isArray(given)) return given;
  const savedPairs = Array.isArray(saved) ? saved.filter(isKeyValue) : [];
  const savedValue = new Map(savedPairs.map((pair) => [pair.key.toLowerCase(), pair.value]));
  return given.map((entry) =>
    isKeyValue(entry) && entry.value === MASKED_SECRET
      ? { ...entry, value: savedValue.get(entry.key.toLowerCase()) ?? entry.value }
      : entry,
  );
}
