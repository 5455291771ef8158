import { closestName, didYouMean, listNames } from '../../src/util/list-names';

/** Lists of names in messages stay short whatever the config holds. */

test('a short list is shown whole, quoted or not; an empty one says so', () => {
  expect(listNames(['a', 'b', 'c'])).toBe('a, b, c');
  expect(listNames(['a', 'b'], { quote: true })).toBe('"a", "b"');
  expect(listNames([])).toBe('(none)');
  expect(listNames([], { empty: 'none' })).toBe('none');
});

test('150,000 names: the first 20, then how many more, in a message of bounded size', () => {
  const names = Array.from({ length: 150_000 }, (_, i) => `client-${i}`);
  const text = listNames(names);
  expect(text).toMatch(/^client-0, client-1, .*client-19, … and 149980 more$/);
  expect(text.length).toBeLessThan(400);
});

test('one very long name is cut', () => {
  const text = listNames(['x'.repeat(100_000), 'b']);
  expect(text).toBe(`${'x'.repeat(80)}…, b`);
});

test('the closest name to a typo, and none when nothing is close', () => {
  expect(closestName('notse', ['alice', 'notes', 'admin'])).toBe('notes');
  expect(closestName('Notes', ['notes'])).toBe('notes');
  expect(closestName('zzzzzz', ['alice', 'notes'])).toBeUndefined();
  expect(didYouMean(['alcie'], ['alice', 'bob'])).toBe(' Did you mean "alice"?');
  expect(didYouMean(['a', 'b'], ['alice'])).toBe('');
});

test('the closest of 10,000 names; none looked for among more', () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `client-${i}`);
  expect(closestName('client-1499x', names)).toBe('client-1499');
  expect(closestName('clinet-7', names)).toBe('client-7');
  expect(closestName('client-7', [...names, 'one more'])).toBeUndefined();
});
