/** What an indexer's t=caps said, kept so searches need not ask every time. */
export interface StoredIndexerCapabilities {
  limitDefault: number;
  limitMax: number;
  searchParams: string[];
  movieSearchParams: string[];
  movieSearchAvailable: boolean;
  categories: { id: number; name: string; subcategories: { id: number; name: string }[] }[];
}
