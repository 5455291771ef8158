import { mcpGlobalTeardown } from './servers/global-hooks';

// The preset's `globalTeardown` module; `export =` for the same reason as global-setup.
export = mcpGlobalTeardown;
