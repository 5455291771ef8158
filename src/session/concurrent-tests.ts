import type { Circus } from '@jest/types';

/** Every `test.concurrent` test of the file, in any describe block. */
export function concurrentTests(block: Circus.DescribeBlock): Circus.TestEntry[] {
  return block.children.flatMap((child) => (child.type === 'describeBlock' ? concurrentTests(child) : child.concurrent ? [child] : []));
}
