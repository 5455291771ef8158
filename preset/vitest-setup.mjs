// mcpVitest's setupFiles entry: the MCP matchers and snapshot serializer on Vitest's `expect`,
// for test files that use `expect` from 'vitest' (or the globals) rather than jest-mcp/vitest's.
import { expect, inject } from 'vitest';
import setup from '../dist/vitest/setup-file.js';

setup.installMcpExpect(expect, inject);
