import { api } from "../api";
import { Link } from "../router";
import { formatDate } from "./format";
import { useResource } from "./useResource";

/**
 * Which import list brought a movie in ("Added by list X on …") and which others hold it too
 * ("Also on list Y"). Nothing at all for a movie no list knows.
 */
export function ListProvenance({ movieId }: { movieId: number }) {
  // Where a movie came from is a side note on its page: a failure shows nothing, the page stands without it.
  const { data } = useResource(() => api.importLists.provenance(movieId), [movieId]);

  const rows = data.value;
  if (!rows?.length) return null;
  const added = rows.filter((p) => p.kind === "added");
  const others = rows.filter((p) => p.kind !== "added");
  const listLink = (p: NonNullable<typeof rows>[number]) => <Link href={`/lists/${p.listId}`}>{p.listName}</Link>;
  return (
    <ul class="provenance" aria-label="Import lists">
      {added.map((p) => (
        <li key={p.listId}>
          Added by list {listLink(p)} on {formatDate(p.at)}
        </li>
      ))}
      {others.map((p) => (
        <li key={p.listId}>
          {added.length ? "Also on" : "On"} list {listLink(p)} (since {formatDate(p.at)})
        </li>
      ))}
    </ul>
  );
}
