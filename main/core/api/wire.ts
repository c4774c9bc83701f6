/**
 * The service's wire types, taken from the generated `openapi-types.ts` (itself generated from
 * `service/openapi.json` by `npm run api:types`), so a change to the API shows up here as a
 * type error instead of a surprise at run time.
 */
import type { components, paths } from './openapi-types';

/** A fax as the service sends it. */
export type WireFax = components['schemas']['Fax'];
/** The account as the service sends it. */
export type WireAccount = components['schemas']['Account'];
/** What sign-in and refresh answer. */
export type WireTokenPair = components['schemas']['TokenPair'];
/** One page of the change feed. */
export type WireChanges =
  paths['/v1/changes']['get']['responses'][200]['content']['application/json'];
/** What sign-up sends. */
export type WireSignUp =
  paths['/v1/accounts']['post']['requestBody']['content']['application/json'];
