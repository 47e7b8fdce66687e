/**
 * The pieces every streaming view shares: regions, offer chips with provider logos that deep-link,
 * the attribution footer (TMDb's and JustWatch's logos and notices, Trakt, Watchmode) and the notice shown
 * when a source failed or served stale data.
 */
import type { Signal } from "@preact/signals";
import { useState } from "preact/hooks";
import type {
  Attribution as AttributionItem,
  ListStreamingOption,
  Offers,
  OfferType,
  SourceStatus,
  StreamingOfferSetting,
} from "../api";
import { session } from "../state/session";
import { loadStreamingSettings } from "../state/streaming";
import { JustWatchLogo, TmdbLogo } from "./attributionLogos";
import { useResource } from "./useResource";

/** Sets `region` to the saved streaming region, unless one was chosen already (US when the settings fail). */
export function useDefaultRegion(region: Signal<string | undefined>) {
  useResource(async () => {
    if (region.peek()) return;
    try {
      region.value ??= (await loadStreamingSettings()).region;
    } catch {
      region.value ??= "US";
    }
  }, []);
}

/** Regions the selectors offer (ISO 3166-1 alpha-2); any other saved region is added to the list. */
const REGIONS: readonly { code: string; name: string }[] = [
  { code: "US", name: "United States" },
  { code: "GB", name: "United Kingdom" },
  { code: "DE", name: "Germany" },
  { code: "FR", name: "France" },
  { code: "CA", name: "Canada" },
  { code: "AU", name: "Australia" },
  { code: "NL", name: "Netherlands" },
  { code: "ES", name: "Spain" },
  { code: "IT", name: "Italy" },
  { code: "SE", name: "Sweden" },
  { code: "JP", name: "Japan" },
  { code: "BR", name: "Brazil" },
  { code: "IN", name: "India" },
];

export function regionName(code: string): string {
  return REGIONS.find((r) => r.code === code)?.name ?? code;
}

/** Offer types in the order they are shown: what a subscription or nothing gets you first. */
export const OFFER_TYPES: readonly OfferType[] = ["flatrate", "free", "ads", "rent", "buy"];

const OFFER_LABELS: Record<OfferType, string> = {
  flatrate: "Stream",
  free: "Free",
  ads: "Free with ads",
  rent: "Rent",
  buy: "Buy",
};

/** How the "counts as streaming" offer types read in settings. */
export const STREAMING_OFFER_LABELS: Record<StreamingOfferSetting, string> = {
  flatrate: "Subscription (flatrate)",
  free: "Free",
  ads: "Free with ads",
};

export const LIST_STREAMING_LABELS: Record<ListStreamingOption, string> = {
  ignore: "Add as usual",
  addUnmonitored: "Add unmonitored",
  skip: "Skip (don't add)",
};

/** Picks one of REGIONS (plus `value` when it is not among them). */
export function RegionSelect({
  id,
  label,
  value,
  onChange,
  invalid,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (region: string) => void;
  invalid?: Record<string, unknown>;
}) {
  const regions =
    REGIONS.some((r) => r.code === value) || !value ? REGIONS : [...REGIONS, { code: value, name: value }];
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} {...invalid}>
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name} ({r.code})
          </option>
        ))}
      </select>
    </div>
  );
}

/** A provider's logo, or its initials when it has none or the image fails. */
export function ProviderLogo({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!logoUrl || failed || !/^https?:\/\//.test(logoUrl)) {
    const initials = name
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .slice(0, 2);
    return (
      <span class="provider-logo placeholder" aria-hidden="true">
        {initials}
      </span>
    );
  }
  return (
    <img
      class="provider-logo"
      src={logoUrl}
      alt=""
      width={24}
      height={24}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}

/**
 * A title's offers grouped by type, each provider a chip with its logo opening that provider for
 * the title (`watchUrl`: Watchmode's deep link, else the provider's search for the title), else
 * TMDb's watch page for the title.
 */
export function OfferChips({
  title,
  offers,
  link,
  types = OFFER_TYPES,
  highlight,
}: {
  title: string;
  offers: Offers;
  link?: string | null;
  types?: readonly OfferType[];
  /** Provider ids to mark (the user's subscribed services). */
  highlight?: ReadonlySet<number>;
}) {
  const groups = types.filter((type) => offers[type]?.length);
  if (groups.length === 0) return null;
  return (
    <ul class="offers" aria-label={`Where to watch ${title}`}>
      {groups.map((type) => (
        <li key={type} class={`offer-group offer-${type}`}>
          <span class="offer-type">{OFFER_LABELS[type]}</span>
          {offers[type].map((p) => {
            const href = p.watchUrl ?? p.link ?? link ?? undefined;
            const content = (
              <>
                <ProviderLogo name={p.name} logoUrl={p.logoUrl} />
                <span>{p.name}</span>
              </>
            );
            const className = `offer-chip${highlight?.has(p.providerId) ? " subscribed" : ""}`;
            const label = `${OFFER_LABELS[type]}: ${p.name}${highlight?.has(p.providerId) ? " (subscribed)" : ""}`;
            return href ? (
              <a
                key={p.providerId}
                class={className}
                href={href}
                target="_blank"
                rel="noreferrer"
                aria-label={label}
                title={`${title} on ${p.name}`}
              >
                {content}
              </a>
            ) : (
              <span key={p.providerId} class={className} title={label}>
                {content}
              </span>
            );
          })}
        </li>
      ))}
    </ul>
  );
}

/** Credits for the data on screen, as the response named them. */
export function AttributionFooter({ attribution }: { attribution: readonly AttributionItem[] | undefined }) {
  if (!attribution?.length) return null;
  const demo = session.value?.demoMode;
  return (
    <aside class="attribution" aria-label="Data sources">
      {attribution.map((a) => (
        <p key={a.name}>
          {a.name === "TMDb" && <TmdbLogo />}
          {a.name === "JustWatch" && <JustWatchLogo />}
          <a href={a.url} target="_blank" rel="noreferrer">
            {a.name}
          </a>
          <span class="muted"> {a.notice}</span>
        </p>
      ))}
      {demo && (
        <p class="muted">
          <span class="badge demo">Demo data</span> Titles, offers and rankings come from the built-in simulator.
        </p>
      )}
    </aside>
  );
}

const SOURCE_NAMES: Record<string, string> = { tmdb: "TMDb", trakt: "Trakt", watchmode: "Watchmode" };

/**
 * Says when a source could not be reached or its data came from an expired cache: from the body's
 * per-source status (trending has one) and from X-Stale-Upstream.
 */
export function SourceNotice({
  sources,
  staleUpstream,
}: {
  sources?: Partial<Record<string, SourceStatus>>;
  staleUpstream?: string;
}) {
  const lines: string[] = [];
  for (const [key, status] of Object.entries(sources ?? {})) {
    if (!status || status.requested === false) continue;
    const name = SOURCE_NAMES[key] ?? key;
    if (!status.ok)
      lines.push(`${name} could not be reached${status.error ? ` (${status.error})` : ""}; its ranking is left out.`);
    else if (status.stale) lines.push(`${name} data is from an expired cache; it refreshes in the background.`);
  }
  if (staleUpstream && lines.length === 0) {
    const names = staleUpstream
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map((s) => SOURCE_NAMES[s] ?? s);
    lines.push(`${names.join(" and ")} could not be reached: showing cached data that may be out of date.`);
  }
  if (lines.length === 0) return null;
  return (
    <div class="notice" role="status">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** The first subscribed service offering the title as a counted offer type (the decision rule's answer). */
export function subscribedService(
  offers: Offers,
  subscribed: readonly number[],
  offerTypes: readonly StreamingOfferSetting[],
): { name: string; type: StreamingOfferSetting } | null {
  const ids = new Set(subscribed);
  for (const type of offerTypes) {
    const provider = [...(offers[type] ?? [])]
      .filter((p) => ids.has(p.providerId))
      .sort((a, b) => a.displayPriority - b.displayPriority)[0];
    if (provider) return { name: provider.name, type };
  }
  return null;
}
