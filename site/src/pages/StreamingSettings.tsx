import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Attribution } from "../api";
import {
  api,
  type ImportList,
  type ListStreamingOption,
  type StreamingConfig,
  type StreamingOfferSetting,
  type StreamingProvider,
} from "../api";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { formatDateTime } from "../components/format";
import { listInput } from "../components/ListEditor";
import { SettingsNav } from "../components/SettingsNav";
import {
  AttributionFooter,
  LIST_STREAMING_LABELS,
  ProviderLogo,
  RegionSelect,
  STREAMING_OFFER_LABELS,
} from "../components/streaming";
import { Link } from "../router";
import { loadStreamingSettings, providerCatalogue, saveStreamingSettings } from "../state/streaming";

const OFFER_SETTINGS = Object.keys(STREAMING_OFFER_LABELS) as StreamingOfferSetting[];
const LIST_OPTIONS = Object.keys(LIST_STREAMING_LABELS) as ListStreamingOption[];

/** Settings › Streaming: "don't download what I can stream" and the Trakt connection. */
export function StreamingSettings() {
  return (
    <section class="page settings streaming-settings">
      <SettingsNav />
      <h1>Streaming</h1>
      <StreamingServices />
      <ListStreamingOptions />
      <TraktConnect />
    </section>
  );
}

type Draft = Omit<StreamingConfig, "id">;

function StreamingServices() {
  const draft = useSignal<Draft | undefined>(undefined);
  const providers = useSignal<StreamingProvider[] | undefined>(undefined);
  const attribution = useSignal<Attribution[] | undefined>(undefined);
  const loadError = useSignal<unknown>(undefined);
  const saveError = useSignal<unknown>(undefined);
  const saving = useSignal(false);
  const saved = useSignal(false);

  useEffect(() => {
    loadStreamingSettings().then(
      ({ id: _id, ...config }) => {
        draft.value = config;
      },
      (e) => {
        loadError.value = e;
      },
    );
  }, []);

  const region = draft.value?.region;
  useEffect(() => {
    if (!region) return;
    let live = true;
    providers.value = undefined;
    providerCatalogue(region, "movie").then(
      (catalogue) => {
        if (!live) return;
        providers.value = catalogue.providers;
        attribution.value = catalogue.attribution;
      },
      (e) => {
        if (!live) return;
        providers.value = [];
        loadError.value = e;
      },
    );
    return () => {
      live = false;
    };
  }, [region]);

  const d = draft.value;
  if (!d) {
    return (
      <section aria-labelledby="services-heading" class="settings-section">
        <h2 id="services-heading">Streaming services</h2>
        {loadError.value ? <ErrorMessage error={loadError.value} /> : <p class="muted">Loading…</p>}
      </section>
    );
  }

  const change = (patch: Partial<Draft>) => {
    draft.value = { ...d, ...patch };
    saved.value = false;
  };
  const subscribed = new Set(d.subscribedProviderIds);
  const known = new Set((providers.value ?? []).map((p) => p.providerId));
  const elsewhere = d.subscribedProviderIds.filter((id) => providers.value && !known.has(id));

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    saveError.value = undefined;
    saved.value = false;
    try {
      const { id: _id, ...config } = await saveStreamingSettings(d);
      draft.value = config;
      saved.value = true;
    } catch (e) {
      saveError.value = e;
    } finally {
      saving.value = false;
    }
  };
  const problem = (field: string) => problemAt(saveError.value, `body.${field}`, { nested: true });

  return (
    <section aria-labelledby="services-heading" class="settings-section">
      <h2 id="services-heading">Streaming services</h2>
      <p class="hint">
        Releases are not downloaded for movies that stream on a service you subscribe to in your region; lists can add
        such movies unmonitored or skip them (below). Choose no service to turn this off.
      </p>
      <form class="streaming-form" onSubmit={save} aria-label="Streaming services">
        <RegionSelect
          id="streaming-region"
          label="Region"
          value={d.region}
          onChange={(r) => change({ region: r })}
          invalid={invalidProps("streaming-region-error", problem("region"))}
        />
        <FieldError id="streaming-region-error" message={problem("region")} />

        <fieldset
          class="editor-section"
          {...invalidProps("streaming-services-error", problem("subscribedProviderIds"))}
        >
          <legend>Subscribed services</legend>
          {!providers.value && <p class="muted">Loading the services in this region…</p>}
          <div class="provider-choices">
            {providers.value?.map((p) => (
              <label key={p.providerId} class="check">
                <input
                  type="checkbox"
                  checked={subscribed.has(p.providerId)}
                  onChange={(e) =>
                    change({
                      subscribedProviderIds: e.currentTarget.checked
                        ? [...d.subscribedProviderIds, p.providerId]
                        : d.subscribedProviderIds.filter((id) => id !== p.providerId),
                    })
                  }
                />
                <ProviderLogo name={p.name} logoUrl={p.logoUrl} />
                {p.name}
              </label>
            ))}
            {elsewhere.map((id) => (
              <label key={id} class="check">
                <input
                  type="checkbox"
                  checked
                  onChange={() => change({ subscribedProviderIds: d.subscribedProviderIds.filter((x) => x !== id) })}
                />
                Service #{id} <span class="muted">(not offered in this region)</span>
              </label>
            ))}
          </div>
          <FieldError id="streaming-services-error" message={problem("subscribedProviderIds")} />
        </fieldset>

        <fieldset class="editor-section" {...invalidProps("streaming-offers-error", problem("offerTypes"))}>
          <legend>Counts as “I can stream it”</legend>
          <div class="tag-choices">
            {OFFER_SETTINGS.map((type) => (
              <label key={type} class="check">
                <input
                  type="checkbox"
                  checked={d.offerTypes.includes(type)}
                  onChange={(e) =>
                    change({
                      offerTypes: e.currentTarget.checked
                        ? [...d.offerTypes, type]
                        : d.offerTypes.filter((t) => t !== type),
                    })
                  }
                />
                {STREAMING_OFFER_LABELS[type]}
              </label>
            ))}
          </div>
          <FieldError id="streaming-offers-error" message={problem("offerTypes")} />
        </fieldset>

        <ErrorMessage error={saveError.value} />
        <div class="actions">
          <button type="submit" class="primary" disabled={saving.value}>
            {saving.value ? "Saving…" : "Save"}
          </button>
          {saved.value && (
            <span role="status" class="saved">
              Saved
            </span>
          )}
        </div>
      </form>
      <AttributionFooter attribution={attribution.value} />
    </section>
  );
}

/** Each import list's choice for movies that stream on a subscribed service, saved as it changes. */
function ListStreamingOptions() {
  const lists = useSignal<ImportList[] | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const savedId = useSignal<number | undefined>(undefined);

  useEffect(() => {
    api.importLists.list().then(
      (all) => {
        lists.value = all;
      },
      (e) => {
        error.value = e;
      },
    );
  }, []);

  const setOption = async (list: ImportList, streamingOption: ListStreamingOption) => {
    if (list.id === undefined) return;
    error.value = undefined;
    savedId.value = undefined;
    try {
      const updated = await api.importLists.update(list.id, listInput({ ...list, streamingOption }));
      lists.value = lists.value?.map((l) => (l.id === updated.id ? updated : l));
      savedId.value = updated.id;
    } catch (e) {
      error.value = e;
    }
  };

  return (
    <section aria-labelledby="list-streaming-heading" class="settings-section">
      <h2 id="list-streaming-heading">Import lists</h2>
      <p class="hint">What each list does with a new movie that streams on one of your services.</p>
      {lists.value?.length === 0 && (
        <p class="muted">
          No import lists yet: <Link href="/lists">add one</Link>.
        </p>
      )}
      {lists.value && lists.value.length > 0 && (
        <table class="plain">
          <thead>
            <tr>
              <th>List</th>
              <th>When a movie streams on my services</th>
            </tr>
          </thead>
          <tbody>
            {lists.value.map((list) => (
              <tr key={list.id}>
                <td>
                  <Link href={`/lists/${list.id}`}>{list.name}</Link>
                </td>
                <td>
                  <select
                    aria-label={`Streaming option for ${list.name}`}
                    value={list.streamingOption ?? "ignore"}
                    onChange={(e) => void setOption(list, e.currentTarget.value as ListStreamingOption)}
                  >
                    {LIST_OPTIONS.map((o) => (
                      <option key={o} value={o}>
                        {LIST_STREAMING_LABELS[o]}
                      </option>
                    ))}
                  </select>
                  {savedId.value === list.id && (
                    <span role="status" class="saved">
                      {" "}
                      Saved
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error.value} />
    </section>
  );
}

type TraktView =
  | { kind: "loading" }
  | { kind: "idle"; message?: string }
  | { kind: "waiting"; userCode: string; verificationUrl: string; interval: number; expiresAt: string }
  | { kind: "connected"; expiresAt: string | null; justNow: boolean };

/**
 * Trakt connect: starts the device flow, shows the code and where to enter it, polls at the
 * server's interval (which grows when Trakt says slow down) until connected, denied or expired.
 */
function TraktConnect() {
  const view = useSignal<TraktView>({ kind: "loading" });
  const error = useSignal<unknown>(undefined);
  const busy = useSignal(false);

  const show = (
    status: Awaited<ReturnType<typeof api.trakt.status>>,
    { justNow = false, afterPoll = false } = {},
  ): void => {
    if (status.connected) view.value = { kind: "connected", expiresAt: status.expiresAt, justNow };
    else if (status.polling) view.value = { kind: "waiting", ...status.polling };
    else
      view.value = {
        kind: "idle",
        // A flow that just stopped says why; an old error is not news on opening the page.
        message: afterPoll ? status.lastError?.message : undefined,
      };
  };

  useEffect(() => {
    api.trakt.status().then(
      (status) => show(status),
      (e) => {
        error.value = e;
        view.value = { kind: "idle" };
      },
    );
  }, []);

  const waiting = view.value.kind === "waiting" ? view.value : undefined;
  const userCode = waiting?.userCode;
  const interval = waiting?.interval;
  useEffect(() => {
    if (!userCode || !interval) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const status = await api.trakt.poll();
        if (live) show(status, { justNow: true, afterPoll: true });
      } catch (e) {
        if (!live) return;
        error.value = e;
        view.value = { kind: "idle" };
      }
    }, interval * 1000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // A new poll is scheduled after each answer: the view object changes even when the code does not.
  }, [view.value]);

  const connect = async () => {
    busy.value = true;
    error.value = undefined;
    try {
      const flow = await api.trakt.connect();
      view.value = {
        kind: "waiting",
        userCode: flow.userCode,
        verificationUrl: flow.verificationUrl,
        interval: flow.interval,
        expiresAt: new Date(Date.now() + flow.expiresIn * 1000).toISOString(),
      };
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };

  const disconnect = async () => {
    busy.value = true;
    error.value = undefined;
    try {
      show(await api.trakt.disconnect());
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };

  const v = view.value;
  return (
    <section aria-labelledby="trakt-heading" class="settings-section trakt-connect">
      <h2 id="trakt-heading">Trakt</h2>
      <p class="hint">
        Connecting a Trakt account lets lists read your watchlist, collection and private lists, and adds Trakt's
        ranking to Trending.
      </p>
      {v.kind === "loading" && <p class="muted">Loading…</p>}
      {v.kind === "idle" && (
        <>
          {v.message && (
            <p class="trakt-result failed" role="status">
              Not connected: {v.message}
            </p>
          )}
          <p>Not connected.</p>
          <button type="button" class="primary" disabled={busy.value} onClick={connect}>
            {v.message ? "Start again" : "Connect Trakt"}
          </button>
        </>
      )}
      {v.kind === "waiting" && (
        <section class="device-code" aria-label="Trakt device code">
          <p>
            Go to{" "}
            <a href={v.verificationUrl} target="_blank" rel="noreferrer">
              {v.verificationUrl}
            </a>{" "}
            and enter this code:
          </p>
          <p>
            Code: <strong class="user-code">{v.userCode}</strong>
          </p>
          <p class="muted" role="status">
            Waiting for Trakt… checking every {v.interval} s; the code expires at {formatDateTime(v.expiresAt)}.
          </p>
        </section>
      )}
      {v.kind === "connected" && (
        <>
          <p class="trakt-result ok" role="status">
            {v.justNow ? "Connected to Trakt." : "Connected."}
            {v.expiresAt && <span class="muted"> The token renews itself before {formatDateTime(v.expiresAt)}.</span>}
          </p>
          <ConfirmButton label="Disconnect" description="Disconnect Trakt" busy={busy.value} onConfirm={disconnect} />
        </>
      )}
      <ErrorMessage error={error.value} />
    </section>
  );
}
