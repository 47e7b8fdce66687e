import { type Credit, movieDetailApi } from "../../api/movieDetail";
import { ErrorMessage } from "../ErrorMessage";
import { useResource } from "../useResource";

/** The movie's alternative titles from TMDb (`/alttitle`). */
export function MovieTitlesTab({ movieId }: { movieId: number }) {
  const { data, error } = useResource((signal) => movieDetailApi.titles(movieId, signal), [movieId]);
  const titles = data.value;
  if (error.value) return <ErrorMessage error={error.value} />;
  if (!titles) return <p class="muted">Loading…</p>;
  if (titles.length === 0) return <p class="muted">TMDb lists no other title.</p>;
  return (
    <table class="plain" aria-label="Alternative titles">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {titles.map((t) => (
          <tr key={t.id}>
            <td>{t.title}</td>
            <td>{t.sourceType === "tmdb" ? "TMDb" : t.sourceType}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A person's card: their headshot (TMDb's CDN) or initials, name and role. */
function PersonCard({ credit }: { credit: Credit }) {
  const headshot = credit.images.find((i) => i.coverType === "headshot")?.url;
  const role = credit.type === "cast" ? credit.character : credit.job;
  return (
    <li class="person">
      {headshot ? (
        <img src={headshot} alt="" loading="lazy" width={92} height={138} />
      ) : (
        <span class="person-initials" aria-hidden="true">
          {credit.personName
            .split(/\s+/)
            .map((w) => w[0])
            .join("")
            .slice(0, 2)}
        </span>
      )}
      <span class="person-name">{credit.personName}</span>
      {role && <span class="muted">{role}</span>}
    </li>
  );
}

/** The movie's cast in billing order, then its crew (`/credit`). */
export function MovieCastTab({ movieId }: { movieId: number }) {
  const { data, error } = useResource((signal) => movieDetailApi.credits(movieId, signal), [movieId]);
  const credits = data.value;
  if (error.value) return <ErrorMessage error={error.value} />;
  if (!credits) return <p class="muted">Loading…</p>;
  const cast = credits.filter((c) => c.type === "cast").sort((a, b) => a.order - b.order);
  const crew = credits.filter((c) => c.type === "crew");
  return (
    <>
      <h3>Cast</h3>
      {cast.length === 0 ? (
        <p class="muted">No cast listed.</p>
      ) : (
        <ul class="people" aria-label="Cast">
          {cast.map((c) => (
            <PersonCard key={c.id} credit={c} />
          ))}
        </ul>
      )}
      <h3>Crew</h3>
      {crew.length === 0 ? (
        <p class="muted">No crew listed.</p>
      ) : (
        <ul class="people" aria-label="Crew">
          {crew.map((c) => (
            <PersonCard key={c.id} credit={c} />
          ))}
        </ul>
      )}
    </>
  );
}
