import type { Context } from "hono";
import type { z } from "zod";

/** Helpers the simulator-only control routes (`POST /<service>/__…`) share. */

/** A control body read with `schema`, or the 400 `{ message, errors: [{ path, message }] }` to send. */
export async function readControlBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  message: string,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return {
      ok: false,
      response: c.json({ message, errors: [{ path: "(body)", message: "Body must be a JSON object" }] }, 400),
    };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    response: c.json(
      {
        message,
        errors: parsed.error.issues.map((issue) => ({
          path: issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "(body)"),
          message: issue.message,
        })),
      },
      400,
    ),
  };
}

/** Credentials the simulated services refuse: empty, or starting "invalid" or "wrong". */
export function isRejectedSecret(secret: string | null | undefined): boolean {
  const value = secret?.trim() ?? "";
  return value === "" || /^(invalid|wrong)/i.test(value);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) =>
    char === "<" ? "&lt;" : char === ">" ? "&gt;" : char === "&" ? "&amp;" : char === '"' ? "&quot;" : "&apos;",
  );
}
