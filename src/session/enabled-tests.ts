import type { Circus } from '@jest/types';

/**
 * Whether any test of a collected file will run: the rule circus itself applies (skip, todo,
 * `only` elsewhere in the file, `-t`), so a file Jest will only report as skipped opens nothing.
 */
export function anyTestWillRun(state: Pick<Circus.State, 'rootDescribeBlock' | 'hasFocusedTests' | 'testNamePattern'>): boolean {
  const { hasFocusedTests, testNamePattern } = state;
  const willRun = (test: Circus.TestEntry): boolean =>
    test.mode !== 'skip' &&
    test.mode !== 'todo' &&
    !(hasFocusedTests && test.mode !== 'only') &&
    !(testNamePattern && !testNamePattern.test(testId(test)));
  const visit = (block: Circus.DescribeBlock): boolean =>
    block.children.some((child) => (child.type === 'describeBlock' ? visit(child) : willRun(child)));
  return visit(state.rootDescribeBlock);
}

/** The name `-t` matches: every enclosing describe's name and the test's, without the root's. */
function testId(test: Circus.TestEntry): string {
  const names: string[] = [];
  for (let at: Circus.TestEntry | Circus.DescribeBlock | undefined = test; at?.parent; at = at.parent) names.unshift(at.name);
  return names.join(' ');
}
