import { useSignal } from "@preact/signals";
import {
  api,
  type ImportList,
  type ListStreamingOption,
  type StreamingConfig,
  type StreamingOfferSetting,
} from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { listInput } from "../components/ListEditor";
import { SettingsNav } from "../components/SettingsNav";
import { StatusNote } from "../components/StatusNote";
import {
  AttributionFooter,
  LIST_STREAMING_LABELS,
  ProviderLogo,
  RegionSelect,
  STREAMING_OFFER_LABELS,
} from "../components/streaming";
import { TraktConnect } from "../components/TraktConnect";
import { useResource } from "../components/useResource";
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
  const { data: draft, error: loadError } = useResource(async () => {
    const { id: _id, ...config } = await loadStreamingSettings();
    return config;
  }, []);
  const saveError = useSignal<unknown>(undefined);
  const saving = useSignal(false);
  const saved = useSignal(false);

  const region = draft.value?.region;
  const catalogue = useResource(async () => (region ? providerCatalogue(region, "movie") : undefined), [region]);
  // While a region's services load there are none to show; when they fail, none are known.
  const providers = catalogue.loading.value ? undefined : catalogue.error.value ? [] : catalogue.data.value?.providers;

  const d = draft.value;
  if (!d) {
    return <ServicesLoading error={loadError.value} />;
  }

  const change = (patch: Partial<Draft>) => {
    draft.value = { ...d, ...patch };
    saved.value = false;
  };

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

        <SubscribedServices
          draft={d}
          providers={providers}
          change={change}
          problem={problem("subscribedProviderIds")}
        />

        <OfferTypes draft={d} change={change} problem={problem("offerTypes")} />

        <ErrorMessage error={saveError.value} />
        <SaveActions saving={saving.value} saved={saved.value} />
      </form>
      <AttributionFooter attribution={catalogue.data.value?.attribution} />
    </section>
  );
}

type Provider = NonNullable<Awaited<ReturnType<typeof providerCatalogue>>>["providers"][number];
interface DraftProps {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  problem: string | undefined;
}

function ServicesLoading({ error }: { error: unknown }) {
  return (
    <section aria-labelledby="services-heading" class="settings-section">
      <h2 id="services-heading">Streaming services</h2>
      {error ? <ErrorMessage error={error} /> : <p class="muted">Loading…</p>}
    </section>
  );
}

/** The region's services to tick, and subscribed ones it does not offer. */
function SubscribedServices({
  draft: d,
  providers,
  change,
  problem,
}: DraftProps & { providers: Provider[] | undefined }) {
  const subscribed = new Set(d.subscribedProviderIds);
  const known = new Set((providers ?? []).map((p) => p.providerId));
  const elsewhere = d.subscribedProviderIds.filter((id) => providers && !known.has(id));
  return (
    <fieldset class="editor-section" {...invalidProps("streaming-services-error", problem)}>
      <legend>Subscribed services</legend>
      {!providers && <p class="muted">Loading the services in this region…</p>}
      <div class="provider-choices">
        {providers?.map((p) => (
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
      <FieldError id="streaming-services-error" message={problem} />
    </fieldset>
  );
}

/** Which offer types count as streamable. */
function OfferTypes({ draft: d, change, problem }: DraftProps) {
  return (
    <fieldset class="editor-section" {...invalidProps("streaming-offers-error", problem)}>
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
      <FieldError id="streaming-offers-error" message={problem} />
    </fieldset>
  );
}

function SaveActions({ saving, saved }: { saving: boolean; saved: boolean }) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={saving}>
        {saving ? "Saving…" : "Save"}
      </button>
      <StatusNote message={saved && "Saved"} />
    </div>
  );
}

/** Each import list's choice for movies that stream on a subscribed service, saved as it changes. */
function ListStreamingOptions() {
  const { data: lists, error } = useResource(() => api.importLists.list(), []);
  const savedId = useSignal<number | undefined>(undefined);

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
