import { keysOf, membersOf } from '../../src/config/problems';

/**
 * The key lists validation uses are held to the public types by the compiler. ts-jest
 * type-checks this file: an `@ts-expect-error` that finds no error fails it.
 */

interface Sample {
  a: string;
  b?: number;
}

test('keysOf lists exactly the keys of the type, in the order written', () => {
  expect(keysOf<Sample>()({ b: true, a: true })).toEqual(['b', 'a']);
  // @ts-expect-error a key the type has is missing from the list
  keysOf<Sample>()({ a: true });
  // @ts-expect-error a key the type lacks is in the list
  keysOf<Sample>()({ a: true, b: true, c: true });
});

test('keysOf covers every member of a union; membersOf every member of a string union', () => {
  expect(keysOf<{ x: 1 } | { y: 2 }>()({ x: true, y: true })).toEqual(['x', 'y']);
  expect(membersOf<'sse' | 'stdio'>()({ sse: true, stdio: true })).toEqual(['sse', 'stdio']);
  // @ts-expect-error a member is missing
  membersOf<'sse' | 'stdio'>()({ sse: true });
});
