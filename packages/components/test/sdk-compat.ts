/**
 * Compile-time check (run by `tsc`, not by the test runner): the SDK's client satisfies the structural `HubClient`
 * the components call, and its search results fit what `<city-search>` renders. If the SDK's shapes drift, this
 * file stops compiling.
 */
import type { CityHub, SearchResults as SdkSearchResults } from '@cityhub/sdk';
import type { HubClient, PaymentsClient, SearchResults } from '../src/context.js';

export const clientFits = (sdk: CityHub): HubClient => sdk;
export const resultsFit = (results: SdkSearchResults): SearchResults => results;
export const paymentsFit = (sdk: CityHub): PaymentsClient => sdk.payments;
