import { ApiError } from "../api";

/**
 * What the server said about the field at `path` (e.g. `body.cutoff`), or about anything inside
 * it when `nested` (e.g. `body.items.3` also takes `body.items.3.items.0.quality`).
 */
export function problemAt(error: unknown, path: string, { nested = false } = {}): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.errors
    .filter((e) => e.path === path || (nested && e.path.startsWith(`${path}.`)))
    .map((e) => e.message);
  return messages.length ? messages.join("; ") : undefined;
}

/**
 * The props that tie an input to its FieldError: marked invalid and described by the message,
 * so a screen reader reads the complaint with the field.
 */
export const invalidProps = (id: string, message: string | undefined) =>
  message ? { "aria-invalid": true, "aria-describedby": id } : {};

/** A server complaint shown next to the field it names; nothing when there is none. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} class="field-error">
      {message}
    </span>
  );
}
