import { Link } from "../router";

export function NotFound() {
  return (
    <section class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Back to the library</Link>
      </p>
    </section>
  );
}
