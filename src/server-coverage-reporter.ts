/**
 * `jest-mcp/server-coverage`: under `jest --coverage`, adds the coverage of the Node servers
 * jest-mcp starts (stdio clients and `mcp.servers`) to Jest's own. The preset lists it in
 * `reporters`; `jest-mcp/reporter` includes it too. Without `--coverage` it does nothing.
 *
 * @module jest-mcp/server-coverage
 */
import { ServerCoverageReporter } from './server-coverage/reporter';

// Jest loads reporters with require(); `export =` gives it the class itself.
export = ServerCoverageReporter;
