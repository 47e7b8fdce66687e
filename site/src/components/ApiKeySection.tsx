import { useSignal } from "@preact/signals";
import { settingsApi } from "../api/settings";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";
import { StatusNote } from "./StatusNote";
import { useAction } from "./useAction";

const MASK = "••••••••••••••••••••••••••••••••";

/**
 * Settings › General's API key: masked until Show (asked once more, fetched by POST, hidden
 * again with Hide); Regenerate, asked once more, retires the key in use and shows the new one
 * once. This browser stays logged in: the answer re-issues its session under the new key.
 */
export function ApiKeySection() {
  const shown = useSignal<string | undefined>(undefined);
  const regeneratedAt = useSignal<string | null | undefined>(undefined);
  const { busy, note, error, act } = useAction();
  const show = () =>
    act(async () => {
      const key = await settingsApi.apiKey.show();
      shown.value = key.apiKey;
      regeneratedAt.value = key.regeneratedAt;
      return undefined;
    });
  const regenerate = () =>
    act(async () => {
      const key = await settingsApi.apiKey.regenerate();
      shown.value = key.apiKey;
      regeneratedAt.value = key.regeneratedAt;
      return "New key made: the old one no longer works. Update every client now; other browsers must log in again.";
    });

  return (
    <section aria-labelledby="apikey-heading" class="settings-section">
      <h2 id="apikey-heading">API key</h2>
      <ApiKeyValue shown={shown.value} regeneratedAt={regeneratedAt.value} />
      <div class="actions">
        {shown.value ? (
          <button
            type="button"
            class="ghost"
            onClick={() => {
              shown.value = undefined;
              note.value = undefined;
            }}
          >
            Hide
          </button>
        ) : (
          <ConfirmButton
            label="Show"
            description="Show the API key on this screen"
            busy={busy.value}
            onConfirm={show}
          />
        )}
        <ConfirmButton
          label="Regenerate"
          description="Regenerate the API key: the current key stops working at once and every client using it (apps, scripts, calendar links) must be updated"
          busy={busy.value}
          onConfirm={regenerate}
        />
        <StatusNote message={note.value} />
      </div>
      <p class="hint">
        Clients send the key as <code>X-Api-Key</code> or <code>?apikey=</code>. Lost access after a regeneration? Set a
        new <code>API_KEY</code> secret (<code>wrangler secret put API_KEY</code>): a new secret is the key again.
      </p>
      <ErrorMessage error={error.value} />
    </section>
  );
}

/** The key as shown: in clear after Show or Regenerate, masked otherwise. */
function ApiKeyValue({
  shown,
  regeneratedAt,
}: {
  shown: string | undefined;
  regeneratedAt: string | null | undefined;
}) {
  return (
    <p>
      {shown ? (
        <code class="api-key" data-testid="api-key">
          {shown}
        </code>
      ) : (
        <>
          <code class="api-key" data-testid="api-key" aria-hidden="true">
            {MASK}
          </code>{" "}
          <span class="muted">(hidden)</span>
        </>
      )}
      {regeneratedAt && <span class="muted"> regenerated {formatDateTime(regeneratedAt)}</span>}
    </p>
  );
}
