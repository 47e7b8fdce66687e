import { Languages } from "../../parser";
import { accept, type DecisionSpecification, reject } from "../specification";

/** The release is in the profile's language: Any accepts all, Original means the movie's own. */
export const languageWanted: DecisionSpecification = {
  name: "languageWanted",
  type: "permanent",
  evaluate(subject, context) {
    const wanted = context.profile.language;
    if (!wanted || wanted.id === Languages.Any.id) return accept();
    const original = wanted.id === Languages.Original.id;
    const wantedLanguage = original ? context.movie.originalLanguage : wanted;
    if (!wantedLanguage) return accept();
    if (subject.languages.some((l) => l.id === wantedLanguage.id)) return accept();
    const found = subject.languages.map((l) => l.name).join(", ");
    const name = wantedLanguage.name ?? String(wantedLanguage.id);
    return reject(
      "languageNotWanted",
      original
        ? `Original language (${name}) wanted, but found ${found}`
        : `Language ${name} wanted, but found ${found}`,
    );
  },
};
