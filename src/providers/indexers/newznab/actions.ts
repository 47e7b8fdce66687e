import { categoryOptions } from "./caps";
import type { NewznabClient } from "./client";

/**
 * Radarr's `newznabCategories`: the indexer's own categories (from t=caps) as choices for the
 * categories field; Newznab's movie categories when its caps cannot be read, so the form still
 * offers them (as Radarr does).
 */
export async function newznabCategories(client: NewznabClient) {
  const caps = await client.caps(true).catch(() => undefined);
  return { options: categoryOptions(caps?.categories) };
}
