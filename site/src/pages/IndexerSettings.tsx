import { useSignal } from "@preact/signals";
import { api, type Indexer, type IndexerStatus, type IndexerTestResult } from "../api";
import { failureKindInWords } from "../components/failureKinds";
import { formatDateTime } from "../components/format";
import { IndexerOptions } from "../components/IndexerOptions";
import { OptionChecks, PriorityInput } from "../components/ProviderEditor";
import { ProviderSettings } from "../components/ProviderSettings";
import { SettingsNav } from "../components/SettingsNav";
import { useResource } from "../components/useResource";

/** What a passed indexer test learnt: the indexer's capabilities when it has t=caps. */
function describeTest(result: IndexerTestResult): string {
  const caps = result.capabilities;
  if (!caps) return "The indexer answered an authenticated search.";
  const by = caps.movieSearchParams.length ? caps.movieSearchParams.join(", ") : "title only";
  const categories = caps.categories.map((c) => c.name).join(", ") || "none";
  return `Movie search by ${by}; categories: ${categories}; up to ${caps.limitMax} results a page.`;
}

/** An indexer's health from /indexerstatus: fine, failing, or left alone until a time. */
function IndexerHealth({ status }: { status: IndexerStatus | undefined }) {
  if (!status) return <span class="badge ok">OK</span>;
  const failures = `${status.escalationLevel} ${status.escalationLevel === 1 ? "failure" : "failures"}`;
  const kind = status.lastFailureKind ? failureKindInWords(status.lastFailureKind) : undefined;
  const why = [kind, status.lastError].filter(Boolean).join(": ");
  const disabled = status.disabledTill && new Date(status.disabledTill).getTime() > Date.now();
  return (
    <span class="indexer-health">
      <span class={`badge ${disabled ? "error" : "warning"}`}>
        {disabled ? `Disabled until ${formatDateTime(status.disabledTill)}` : "Failing"}
      </span>{" "}
      <span class="muted indexer-health-detail">
        {failures}
        {why && ` — ${why}`}
      </span>
    </span>
  );
}

const searchKinds = (i: Indexer) =>
  [i.enableRss && "RSS", i.enableAutomaticSearch && "Automatic", i.enableInteractiveSearch && "Interactive"]
    .filter(Boolean)
    .join(", ") || "Off";

/** The indexer's three ways of being searched, each on or off. */
const SEARCH_OPTIONS: {
  name: "enableRss" | "enableAutomaticSearch" | "enableInteractiveSearch";
  label: string;
  help: string;
}[] = [
  { name: "enableRss", label: "Enable RSS", help: "New releases from the feed are judged on every RSS sync" },
  {
    name: "enableAutomaticSearch",
    label: "Enable automatic search",
    help: "Used when Radarr searches for wanted movies itself",
  },
  { name: "enableInteractiveSearch", label: "Enable interactive search", help: "Used by Search on the movie page" },
];

/** Settings › Indexers: Torznab, Newznab and HDBits indexers, their tests and their health. */
export function IndexerSettings() {
  /** Bumped each time the indexers load: their health is fetched after them (none before). */
  const listed = useSignal(0);
  // A failure keeps the health last known.
  const { data: statuses } = useResource(
    listed.value ? async () => new Map((await api.indexers.status()).map((s) => [s.indexerId, s] as const)) : undefined,
    [listed.value],
  );
  const loadStatuses = () => {
    listed.value++;
  };
  return (
    <section class="page settings indexer-settings">
      <SettingsNav />
      <h1>Indexers</h1>
      <p class="hint">
        Where releases are searched for: Torznab (Prowlarr, Jackett), Newznab and HDBits. An indexer that keeps failing
        is left alone for a while, longer after each failure. An indexer is tested when it is saved enabled.
      </p>
      <ProviderSettings<Indexer, IndexerTestResult>
        noun="indexer"
        plural="Indexers"
        calls={api.indexers}
        onChanged={loadStatuses}
        describeTest={describeTest}
        columns={[
          { header: "Protocol", cell: (i) => (i.protocol === "torrent" ? "Torrent" : "Usenet") },
          { header: "Searches", cell: searchKinds },
          { header: "Priority", cell: (i) => i.priority },
          { header: "Status", cell: (i) => <IndexerHealth status={statuses.value?.get(i.id as number)} /> },
        ]}
        options={({ draft, change, problem, idPrefix }) => (
          <div class="editor-fields">
            <OptionChecks options={SEARCH_OPTIONS} draft={draft} change={change} />
            <PriorityInput
              id={`${idPrefix}-priority`}
              value={draft.priority}
              problem={problem("priority")}
              onChange={(priority) => change({ priority })}
              help="1 to 50: between equal releases the lower number wins"
            />
          </div>
        )}
      />
      <IndexerOptions />
    </section>
  );
}
