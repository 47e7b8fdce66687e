import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Failure } from "../domain/failures/failure";
import type { IndexerClient } from "../integrations/indexers";
import type { IndexerDefinition } from "../providers/indexers/registry";
import { describeIndexerFailure } from "../services/indexers";
import type { AppEnv } from "./context";

// Testing an indexer's settings (`/indexer/test`, `/testall` and before every save): the answer and the 400s.

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

/** What a test knows of the indexer: a saved one, or a body (id 0). */
interface TestedIndexer {
  id: number;
  name: string;
  priority?: unknown;
}

function testResult(outcome: Awaited<ReturnType<IndexerClient["test"]>>): z.infer<typeof testResultSchema> {
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

export const indexerTest = {
  result: testResultSchema,
  /**
   * A save tests the indexer first (as download clients do), so a dead address or a wrong key is
   * refused at once instead of showing "OK" until the first search; a disabled indexer (nothing
   * would use it) is not tested.
   */
  onSave: (input: { enableRss: boolean; enableAutomaticSearch: boolean; enableInteractiveSearch: boolean }) =>
    input.enableRss || input.enableAutomaticSearch || input.enableInteractiveSearch,
  /** Caps and one authenticated request. */
  run: async (
    c: Context<AppEnv>,
    definition: IndexerDefinition,
    settings: Record<string, unknown>,
    subject: TestedIndexer,
  ) => {
    const indexer = { id: subject.id, name: subject.name, priority: Number(subject.priority ?? 25) };
    const client = definition.open(settings, { env: c.env, indexer, options: { logger: c.get("logger") } });
    return testResult(await client.test());
  },
  /** A failed test as a 400 naming the settings field to fix. */
  failure: (error: unknown, _definition: IndexerDefinition, subject: TestedIndexer) => {
    const failure = describeIndexerFailure(error, subject.name);
    const errors = failure.fields.length
      ? failure.fields.map((field) => ({ path: `body.fields.${field}`, message: failure.message }))
      : [{ path: "body.fields", message: failure.message }];
    const field = errors[0].path.replace("body.fields.", "");
    return new Failure("invalidInput", `Indexer test failed: ${field}: ${failure.message}`, { fields: errors });
  },
  validationFailures: (error: unknown, indexer: TestedIndexer) => {
    const failure = describeIndexerFailure(error, indexer.name);
    const names = failure.fields.length ? failure.fields : [""];
    return names.map((propertyName) => ({ propertyName, errorMessage: failure.message }));
  },
};
