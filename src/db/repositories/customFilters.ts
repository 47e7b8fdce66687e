import { customFilters } from "../schema";
import { crudRepository } from "./crud";

export type CustomFilterRow = typeof customFilters.$inferSelect;

export const customFilterRepository = crudRepository(customFilters, [customFilters.id]);
