/**
 * The API key that works for a local app: the API_KEY secret, unless Settings › General ›
 * Regenerate replaced it (src/services/apiKeys.ts). The regenerated key is read from the local D1
 * row and opened with ENCRYPTION_KEY, as the app does; it counts only while the secret is the one
 * it retired (a new secret is the key again).
 */
import { createHash, webcrypto } from "node:crypto";
import { queryLocalD1 } from "./app.mjs";

const sha256Hex = (text) => createHash("sha256").update(text).digest("hex");

/** The stored regenerated-key row of the local D1 under `persistDir`, if any. */
async function storedKeyRow(persistDir) {
  const [row] = await queryLocalD1(
    persistDir,
    "SELECT sealed_key, retired_secret_hash FROM api_key_state WHERE id = 1",
  );
  return row;
}

/** Opens a value sealed as `enc:v1:<iv base64>:<ciphertext base64>` (src/services/secrets.ts). */
async function openSealed(sealed, encryptionKey) {
  const [ivText, cipherText] = sealed.slice("enc:v1:".length).split(":");
  const key = await webcrypto.subtle.importKey("raw", Buffer.from(encryptionKey, "base64"), "AES-GCM", false, [
    "decrypt",
  ]);
  const plain = await webcrypto.subtle.decrypt(
    { name: "AES-GCM", iv: Buffer.from(ivText, "base64") },
    key,
    Buffer.from(cipherText, "base64"),
  );
  return new TextDecoder().decode(plain);
}

/** The key clients must send to the app started on `persistDir` with these secrets. */
export async function workingApiKey(persistDir, { API_KEY, ENCRYPTION_KEY }) {
  const row = await storedKeyRow(persistDir);
  if (!row || row.retired_secret_hash !== sha256Hex(API_KEY)) return API_KEY;
  try {
    return await openSealed(row.sealed_key, ENCRYPTION_KEY);
  } catch {
    throw new Error(
      "The regenerated API key cannot be opened with this ENCRYPTION_KEY; set a new API_KEY (API_KEY=... npm start) to make it the key",
    );
  }
}
