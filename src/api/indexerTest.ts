import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { IndexerDefinition } from "../domain/indexers/definitions";
import { createIndexerClient, type IndexerClient } from "../integrations/indexers";
import { describeIndexerFailure } from "../services/indexers";
import type { AppEnv } from "./context";
import { ApiError } from "./middleware/errors";

// Testing an indexer's settings (`/indexer/test` and before every save): the answer and the 400s.

/** What the test needs of the request body. */
interface TestedIndexer {
  name: string;
  priority: number;
  enableRss: boolean;
  enableAutomaticSearch: boolean;
  enableInteractiveSearch: boolean;
}

export const testResultSchema = z
  .object({
    isValid: z.boolean(),
    capabilities: z
      .object({
        limitMax: z.number().int(),
        searchParams: z.array(z.string()),
        movieSearchParams: z.array(z.string()),
        categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
      })
      .optional(),
  })
  .openapi("IndexerTestResult");

/** Runs the indexer's test, turning a failure into a 400 naming the settings field to fix. */
async function runTest(client: IndexerClient, name: string) {
  try {
    return await client.test();
  } catch (error) {
    const failure = describeIndexerFailure(error, name);
    const errors = failure.fields.length
      ? failure.fields.map((field) => ({ path: `body.fields.${field}`, message: failure.message }))
      : [{ path: "body.fields", message: failure.message }];
    throw new ApiError(
      400,
      `Indexer test failed: ${errors[0].path.replace("body.fields.", "")}: ${failure.message}`,
      errors,
    );
  }
}

/** Builds the client for unsaved settings and runs its test (caps and one authenticated request). */
export function testIndexer(
  c: Context<AppEnv>,
  input: TestedIndexer,
  definition: IndexerDefinition,
  settings: Record<string, unknown>,
) {
  const client = createIndexerClient(
    c.env,
    { id: 0, name: input.name, priority: input.priority, implementation: definition.implementation },
    settings,
    { logger: c.get("logger") },
  );
  return runTest(client, input.name);
}

/**
 * A save tests the indexer first (as download clients do), so a dead address or a wrong key is
 * refused at once instead of showing "OK" until the first search; `forceSave` or a disabled
 * indexer (nothing would use it) skips the test.
 */
export async function testBeforeSave(
  c: Context<AppEnv>,
  input: TestedIndexer,
  checked: { definition: IndexerDefinition; settings: Record<string, unknown> },
  forceSave: boolean | undefined,
) {
  const used = input.enableRss || input.enableAutomaticSearch || input.enableInteractiveSearch;
  if (used && !forceSave) await testIndexer(c, input, checked.definition, checked.settings);
}

export function testResult(outcome: Awaited<ReturnType<IndexerClient["test"]>>): z.infer<typeof testResultSchema> {
  const caps = outcome.capabilities;
  return {
    isValid: true,
    ...(caps
      ? {
          capabilities: {
            limitMax: caps.limitMax,
            searchParams: caps.searchParams,
            movieSearchParams: caps.movieSearchParams,
            categories: caps.categories.map((cat) => ({ id: cat.id, name: cat.name })),
          },
        }
      : {}),
  };
}
