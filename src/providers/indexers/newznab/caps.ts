import { Failure } from "../../../domain/failures/failure";
import type { StoredIndexerCapabilities } from "../../../domain/indexers/capabilities";
import { childElement, childElements, parseXml, type XmlElement } from "../../../domain/lists/sources/plex/xml";
import { indexerRequestFailure } from "../../../integrations/indexers/types";
import { throwIfNewznabError } from "./feed";

/**
 * Newznab/Torznab `t=caps`: page size limits, which search functions exist and which parameters
 * each takes, and the category tree. Missing parts get the spec's defaults (100 per page, q only).
 */

const DEFAULT_LIMIT = 100;

const params = (element: XmlElement | undefined): string[] =>
  (element?.attributes.supportedParams ?? "")
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);

const available = (element: XmlElement | undefined) => (element?.attributes.available ?? "no").toLowerCase() === "yes";

const positive = (text: string | undefined, fallback: number) => {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export function parseCapabilities(xml: string): StoredIndexerCapabilities {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof Failure)
      throw indexerRequestFailure("parseError", `The indexer's capabilities are not well-formed XML: ${error.message}`);
    throw error;
  }
  throwIfNewznabError(root);
  if (root.name !== "caps") {
    throw indexerRequestFailure(
      "parseError",
      `The indexer answered t=caps with <${root.name}> instead of <caps>: is the URL a Newznab/Torznab API?`,
      ["baseUrl"],
    );
  }
  const limits = childElement(root, "limits");
  const limitMax = positive(limits?.attributes.max, DEFAULT_LIMIT);
  const limitDefault = Math.min(positive(limits?.attributes.default, limitMax), limitMax);
  const searching = childElement(root, "searching");
  const search = searching && childElement(searching, "search");
  const movieSearch = searching && childElement(searching, "movie-search");
  // t=search is the one function every Newznab API has; a caps document may leave it out.
  const searchParams = !search ? ["q"] : available(search) ? (params(search).length ? params(search) : ["q"]) : [];
  const movieSearchAvailable = available(movieSearch);
  const categoryTree = childElement(root, "categories");
  const categories = (categoryTree ? childElements(categoryTree, "category") : [])
    .map((category) => ({
      id: Number(category.attributes.id),
      name: category.attributes.name ?? "",
      subcategories: childElements(category, "subcat")
        .map((sub) => ({ id: Number(sub.attributes.id), name: sub.attributes.name ?? "" }))
        .filter((sub) => Number.isInteger(sub.id)),
    }))
    .filter((category) => Number.isInteger(category.id));
  return {
    limitDefault,
    limitMax,
    searchParams,
    movieSearchParams: movieSearchAvailable ? params(movieSearch) : [],
    movieSearchAvailable,
    categories,
  };
}

/** The capabilities' category ids, subcategories included. */
export function categoryIds(capabilities: StoredIndexerCapabilities): Set<number> {
  return new Set(capabilities.categories.flatMap((c) => [c.id, ...c.subcategories.map((s) => s.id)]));
}

/** Newznab's movie categories, offered when an indexer's own cannot be read (as Radarr does). */
const DEFAULT_MOVIE_CATEGORIES: StoredIndexerCapabilities["categories"] = [
  {
    id: 2000,
    name: "Movies",
    subcategories: [
      { id: 2010, name: "Foreign" },
      { id: 2020, name: "Other" },
      { id: 2030, name: "SD" },
      { id: 2040, name: "HD" },
      { id: 2045, name: "UHD" },
      { id: 2050, name: "BluRay" },
      { id: 2060, name: "3D" },
    ],
  },
];
// Console, audio, PC, TV and XXX: never movies. Other (0) and books (5000) last.
const IGNORED_CATEGORIES = [1000, 3000, 4000, 6000, 7000];
const UNLIKELY_CATEGORIES = [0, 5000];

/**
 * The indexer's categories as choices for the categories field (Radarr's newznabCategories
 * action): each top category with its subcategories after it, the id as a hint.
 */
export function categoryOptions(categories: StoredIndexerCapabilities["categories"] | undefined) {
  const rank = (id: number) => (UNLIKELY_CATEGORIES.includes(id) ? 1 : 0);
  const tops = (categories?.length ? categories : DEFAULT_MOVIE_CATEGORIES)
    .filter((c) => !IGNORED_CATEGORIES.includes(c.id))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id - b.id);
  const options = tops.flatMap((top) => [
    { value: top.id, name: top.name, hint: `(${top.id})` },
    ...[...top.subcategories]
      .sort((a, b) => a.id - b.id)
      .map((sub) => ({ value: sub.id, name: sub.name, hint: `(${sub.id})`, parentValue: top.id })),
  ]);
  return options.map((option, order) => ({ ...option, order }));
}
