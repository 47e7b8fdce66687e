import { LANGUAGES, Languages } from "../../parser";
import { booleanField, numberField, type SpecificationDefinition } from "./definition";

const LANGUAGE_IDS = new Set(LANGUAGES.map((l) => l.id).filter((id) => id !== Languages.Any.id));

/**
 * Matches a release in a language. `Original` (-2) stands for the movie's original language;
 * with `exceptLanguage` it matches a release carrying any other language instead.
 */
export const languageSpecification: SpecificationDefinition = {
  implementation: "LanguageSpecification",
  implementationName: "Language",
  fields: [
    {
      name: "value",
      label: "Language",
      type: "select",
      selectOptions: LANGUAGES.filter((l) => l.id !== Languages.Any.id).map((l) => ({ value: l.id, name: l.name })),
      defaultValue: Languages.English.id,
    },
    { name: "exceptLanguage", label: "Except Language", type: "checkbox", defaultValue: false },
  ],
  validate(fields) {
    const value = numberField(fields, "value");
    if (value === undefined || !LANGUAGE_IDS.has(value))
      return [{ field: "value", message: "must be a known language id" }];
    const except = fields.exceptLanguage;
    if (except !== undefined && typeof except !== "boolean" && except !== "true" && except !== "false") {
      return [{ field: "exceptLanguage", message: "must be true or false" }];
    }
    return [];
  },
  compile(fields) {
    const value = numberField(fields, "value");
    const exceptLanguage = booleanField(fields, "exceptLanguage");
    return (subject) => {
      const compared =
        value === Languages.Original.id && subject.originalLanguageId !== undefined
          ? subject.originalLanguageId
          : value;
      return exceptLanguage
        ? subject.languageIds.some((id) => id !== compared)
        : subject.languageIds.includes(compared as number);
    };
  },
};
