import { expect as globalsExpect, test } from '@jest/globals';
import { mcpMatchers } from '../../src';

/**
 * The matchers on `@jest/globals`' `expect` as well as the global one: `npm run typecheck` holds
 * this file to it (strict), and each `@ts-expect-error` to being an error.
 */

// The README's snippet for projects with injectGlobals: false.
globalsExpect.extend(mcpMatchers);

const result = { content: [{ type: 'text', text: 'hello' }] };

test('@jest/globals: the matchers are there, and typed', () => {
  globalsExpect({ tools: [{ name: 'a' }] }).toHaveTool('a');
  globalsExpect(result).toHaveTextContent('hell');
  globalsExpect(result).toHaveContentType('text');
  globalsExpect(result).not.toHaveContentType('resource_link');
  // @ts-expect-error: not an MCP content type
  globalsExpect(result).not.toHaveContentType('video');
  // @ts-expect-error: toHaveTool takes a name
  globalsExpect({ tools: [] }).not.toHaveTool(1);
});

test('the global expect: the same', () => {
  expect(result).toHaveContentType('text');
  // @ts-expect-error: not an MCP content type
  expect(result).not.toHaveContentType('txt');
});
