import type { CatalogCategory, CatalogService, SearchField } from '@cityhub/schema';

/** Code-unit ranges `[start, end)` to bold. */
export type Highlights = Array<[number, number]>;

/** The search term that matched: which field it is, its text (the name, a keyword, a local name, …) and what to bold in it. */
export interface MatchedTerm {
  field: SearchField;
  text: string;
  /** Ranges of `text` the query matched. */
  highlights: Highlights;
}

export interface ServiceHit {
  service: CatalogService;
  /** Higher is better; comparable within one result list only. */
  score: number;
  matched: MatchedTerm;
  /**
   * Ranges of `service.name['zh-Hans']` the query matches, even when another term was the best match (社保 → 社会保障卡);
   * empty when nothing of the name matches (then bold `matched.highlights` in `matched.text`).
   */
  highlights: Highlights;
  /** Category path of the service's primary category, top-level domain first. */
  path: CatalogCategory[];
  /** Set when the service was found only because its category matched the query. */
  via?: CatalogCategory;
}

export interface CategoryHit {
  category: CatalogCategory;
  score: number;
  matched: MatchedTerm;
  /** Ranges of `category.name['zh-Hans']` the query matches. */
  highlights: Highlights;
  /** Ancestors and the category itself, top-level domain first. */
  path: CatalogCategory[];
  /** Its most popular services (including those of subcategories). */
  services: CatalogService[];
}

/** Service hits under their top-level category, for UIs that show results grouped. */
export interface ServiceGroup {
  category: CatalogCategory;
  services: ServiceHit[];
}

export interface SearchResults {
  query: string;
  /** Ranked best first, at most `limit`. */
  services: ServiceHit[];
  /** Categories the query names, best first, each with its services. */
  categories: CategoryHit[];
  /** `services` grouped by top-level category, groups in the order of their best hit. */
  groups: ServiceGroup[];
  /** How many services matched in all (before `limit`). */
  total: number;
}

export interface SearchOptions {
  /** Most service hits to return (default 20). */
  limit?: number;
  /** Most category hits to return (default 5). */
  categories?: number;
}

export interface SearchIndexOptions {
  /** Services listed with each category hit (default 5). */
  categoryServices?: number;
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchResults;
  /** Number of services indexed. */
  readonly size: number;
}
