import { z } from "zod";
import { languageById } from "../domain/parser/languages";
import { qualityById } from "../domain/quality/qualities";
import { importChosenFiles, type ManualImportFile } from "../services/manualImportRun";
import { renameMovieFiles } from "../services/rename";
import type { CommandContext, CommandStep } from "./commandChunks";
import type { CommandDefinition } from "./commands";

/** The commands on movie files: renames through the download clients, manual import. */

const define = <Body>(definition: CommandDefinition<Body>) => definition as CommandDefinition<unknown>;

async function rename(ctx: CommandContext, movieIds: number[], fileIds?: number[]): Promise<CommandStep> {
  const { renamed, notRenamed } = await renameMovieFiles(ctx, movieIds, fileIds);
  const total = renamed.length + notRenamed.length;
  const why = notRenamed.map((f) => `${f.existingPath}: ${f.reason}`);
  // Nothing could be renamed: the command fails with the first reason, as Radarr's would.
  if (total > 0 && renamed.length === 0) throw new Error(`No file was renamed. ${why.join("; ")}`);
  return {
    message: total
      ? `Renamed ${renamed.length} of ${total} files${why.length ? `; not renamed: ${why.join("; ")}` : ""}`
      : "No file needs renaming",
    result: { renamed, notRenamed },
  };
}

const manualImportFile = z
  .object({
    path: z.string().min(1).max(1000),
    movieId: z.number().int().positive(),
    downloadId: z.string().max(200).nullish(),
    quality: z
      .object({
        quality: z.object({ id: z.number().int() }).passthrough(),
        revision: z
          .object({ version: z.number().int(), real: z.number().int(), isRepack: z.boolean() })
          .partial()
          .optional(),
      })
      .passthrough()
      .nullish(),
    languages: z.array(z.object({ id: z.number().int() }).passthrough()).nullish(),
    releaseGroup: z.string().max(200).nullish(),
    indexerFlags: z.number().int().min(0).nullish(),
  })
  .passthrough();

/** A command body's file as the import takes it: unknown qualities and languages left to the parse. */
function chosenFile(file: z.infer<typeof manualImportFile>): ManualImportFile {
  const quality = file.quality && qualityById(file.quality.quality.id) ? file.quality : undefined;
  const languages = (file.languages ?? []).flatMap((l) => {
    const language = languageById(l.id);
    return language && language.id >= 0 ? [{ id: language.id, name: language.name }] : [];
  });
  return {
    path: file.path,
    movieId: file.movieId,
    ...(file.downloadId ? { downloadId: file.downloadId } : {}),
    ...(quality
      ? {
          quality: {
            quality: quality.quality.id,
            revision: {
              version: quality.revision?.version ?? 1,
              real: quality.revision?.real ?? 0,
              isRepack: quality.revision?.isRepack ?? false,
            },
          },
        }
      : {}),
    ...(languages.length ? { languages } : {}),
    ...(file.releaseGroup ? { releaseGroup: file.releaseGroup } : {}),
    ...(file.indexerFlags != null ? { indexerFlags: file.indexerFlags } : {}),
  };
}

export const FILE_COMMANDS = [
  define({
    name: "ManualImport",
    description:
      "Import chosen files of finished downloads (GET /manualimport lists them) through the download import: the client moves and renames them",
    body: z.object({
      files: z.array(manualImportFile).min(1).max(100),
      importMode: z.enum(["auto", "move", "copy"]).optional(),
    }),
    async run(ctx, { files }) {
      const { imported, notImported } = await importChosenFiles(ctx, files.map(chosenFile));
      const why = notImported.map((f) => `${f.path}: ${f.reason}`);
      if (imported.length === 0) throw new Error(`Nothing was imported. ${why.join("; ")}`);
      return {
        message: `Imported ${imported.length} of ${files.length} files${why.length ? `; not imported: ${why.join("; ")}` : ""}`,
        result: { imported, notImported },
      };
    },
  }),
  define({
    name: "RenameFiles",
    description: "Rename a movie's files (the given ones) by the naming settings, through the client holding them",
    body: z.object({
      movieId: z.number().int().positive(),
      files: z.array(z.number().int().positive()).max(1000).optional(),
    }),
    run: (ctx, { movieId, files }) => rename(ctx, [movieId], files),
  }),
  define({
    name: "RenameMovie",
    description: "Rename the files of the given movies by the naming settings, through the clients holding them",
    body: z.object({ movieIds: z.array(z.number().int().positive()).min(1).max(1000) }),
    run: (ctx, { movieIds }) => rename(ctx, movieIds),
  }),
];
