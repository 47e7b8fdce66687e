import { COMPANY_FIRST_ID } from "./details";
import { movieIdsWithCompany } from "./lists-tmdb-credits";
import { COMPANIES } from "./words";

/**
 * The real TMDb company ids of the studios Discover offers as chips (Disney 2, Pixar 3,
 * Paramount 4, Universal 33, Sony 34, Warner Bros. 174, Marvel Studios 420, DreamWorks 521,
 * Lionsgate 1632, Blumhouse 3172, DC 9993, Studio Ghibli 10342, A24 41077, 20th Century 127928).
 * The demo catalogue's companies are invented, so each real studio stands for one of them:
 * `with_companies=2` answers what the demo's first company made, deterministically.
 */
const STUDIO_IDS = [2, 3, 4, 33, 34, 174, 420, 521, 1632, 3172, 9993, 10342, 41077, 127928];

/** The demo movies of a company id, a demo company's or a real studio's stand-in. */
export function movieIdsOfCompany(companyId: number): number[] {
  const studio = STUDIO_IDS.indexOf(companyId);
  return movieIdsWithCompany(studio < 0 ? companyId : COMPANY_FIRST_ID + (studio % COMPANIES.length));
}
