/**
 * Client-side search over a compiled city catalog: simplified and traditional Chinese, pinyin (full, prefixes,
 * initials, mixed), English, typos and colloquial words, with results that keep the category hierarchy.
 */
export { createSearchIndex } from './engine.js';
export type {
  CategoryHit,
  Highlights,
  MatchedTerm,
  SearchIndex,
  SearchIndexOptions,
  SearchOptions,
  SearchResults,
  ServiceGroup,
  ServiceHit,
} from './types.js';
