/*
 * The core's second public entry: the heavy part the wizard loads lazily after its first screen (and the CLI
 * uses directly): the model's schema and validation (zod), the generators, and reading and merging a user's
 * own config (the YAML library). Kept apart from ./index so the first screen never pays for it.
 */
export { modelSchema, validateModel } from './model';
export {
  TOKEN_PLACEHOLDER,
  generateBundle,
  generateWithTokenPlaceholder,
  withMeshConfigContent,
} from './generate/bundle';
export { mergeIntoExistingMeshConfig } from './merge/merge-provider';
export { wrapBareMeshConfig } from './merge/wrap-bare-block';
export { readHubSnippet, type HubSnippetResult, type HubSnippetValues } from './merge/hub-snippet';
