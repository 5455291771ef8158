import { mcpGlobalSetup } from './servers/global-hooks';

// The preset's `globalSetup` module. `export =`, not a default export: Jest and ESM importers
// alike then get the function itself.
export = mcpGlobalSetup;
