import { expect as globalsExpect, test as globalsTest } from '@jest/globals';
import { mcpMatchers } from '../../src';

// Strict type-check of the README's snippet, on both expects.
globalsExpect.extend(mcpMatchers);
expect.extend(mcpMatchers);

globalsTest('x', () => {
  globalsExpect({ tools: [{ name: 'a' }] }).toHaveTool('a');
  globalsExpect({ content: [{ type: 'text', text: 'x' }] }).toHaveContentType('text');
  // @ts-expect-error not an MCP content type
  globalsExpect({ content: [] }).not.toHaveContentType('video');
  // @ts-expect-error not an MCP content type
  expect({ content: [] }).not.toHaveContentType('video');
});
