import { z } from "zod";

/**
 * The data IMDb's Next.js pages embed in `<script id="__NEXT_DATA__" type="application/json">`,
 * only the fields list imports read:
 *   lists      props.pageProps.mainColumnData.list.titleListItemSearch
 *   watchlists props.pageProps.mainColumnData.predefinedList.titleListItemSearch
 *   charts     props.pageProps.pageData.chartTitles
 */

const textSchema = z.object({ text: z.string() });

const imdbTitleSchema = z.object({
  id: z.string(),
  titleText: textSchema.nullish(),
  originalTitleText: textSchema.nullish(),
  titleType: z.object({ id: z.string(), text: z.string().nullish() }).nullish(),
  releaseYear: z.object({ year: z.number().int().nullish() }).nullish(),
  ratingsSummary: z.object({ aggregateRating: z.number().nullish(), voteCount: z.number().nullish() }).nullish(),
});
export type ImdbTitle = z.infer<typeof imdbTitleSchema>;

const pageInfoSchema = z.object({ hasNextPage: z.boolean().nullish() }).nullish();

const imdbTitleListSchema = z.object({
  total: z.number().int().nullish(),
  pageInfo: pageInfoSchema,
  edges: z.array(
    z.object({
      node: z.object({ absolutePosition: z.number().int().nullish() }).nullish(),
      listItem: imdbTitleSchema.nullish(),
    }),
  ),
});

const imdbListSchema = z.object({
  id: z.string().nullish(),
  name: z.object({ originalText: z.string() }).nullish(),
  visibility: z.object({ id: z.string() }).nullish(),
  titleListItemSearch: imdbTitleListSchema.nullish(),
});

const imdbChartSchema = z.object({
  total: z.number().int().nullish(),
  pageInfo: pageInfoSchema,
  edges: z.array(z.object({ currentRank: z.number().int().nullish(), node: imdbTitleSchema })),
});

export const imdbNextDataSchema = z.object({
  props: z.object({
    pageProps: z.object({
      mainColumnData: z.object({ list: imdbListSchema.nullish(), predefinedList: imdbListSchema.nullish() }).nullish(),
      pageData: z.object({ chartTitles: imdbChartSchema.nullish() }).nullish(),
    }),
  }),
});
