import { TailBuffer } from '../../src/process/tail-buffer';

test('keeps lines from strings and Buffers, CRLF or LF', () => {
  const tail = new TailBuffer();
  tail.push('one\r\ntwo\n');
  tail.push(Buffer.from('three\n'));
  expect(tail.text()).toBe('one\ntwo\nthree');
});

test('a partial line is shown, then completed by the next chunk', () => {
  const tail = new TailBuffer();
  tail.push('hel');
  expect(tail.text()).toBe('hel');
  tail.push('lo\nwor');
  expect(tail.text()).toBe('hello\nwor');
  tail.push('ld\n');
  expect(tail.text()).toBe('hello\nworld');
});

test('blank lines are left out', () => {
  const tail = new TailBuffer();
  tail.push('a\n\n   \nb\n');
  expect(tail.text()).toBe('a\nb');
});

test('a long line is cut, with a mark', () => {
  const tail = new TailBuffer(30, 5);
  tail.push('abcdefgh\nshort\n');
  expect(tail.text()).toBe('abcde…\nshort');
});

test('a long line without a newline yet is shown cut, and kept whole until it ends', () => {
  const tail = new TailBuffer(30, 5);
  tail.push('abcdefgh');
  expect(tail.text()).toBe('abcde…');
  tail.push('ij\n');
  expect(tail.text()).toBe('abcde…');
});

test('a partial line cannot grow without bound: past 16 KB it becomes a line of its own', () => {
  const tail = new TailBuffer(30, 5);
  tail.push('x'.repeat(20_000));
  tail.push('tail\n');
  expect(tail.text()).toBe('xxxxx…\ntail');
});

test('keeps only the last lines', () => {
  const tail = new TailBuffer(3);
  tail.push('1\n2\n3\n');
  tail.push('4\n5\n');
  expect(tail.text()).toBe('3\n4\n5');
});

test('since(mark) gives the lines stamped after the mark', () => {
  let stamp = 0;
  const tail = new TailBuffer(30, 500, () => stamp);
  stamp = 1;
  tail.push('first\n');
  stamp = 2;
  tail.push('second\nthird\n');
  stamp = 3;
  tail.push('partial');
  expect(tail.since(0)).toBe('first\nsecond\nthird');
  expect(tail.since(1)).toBe('second\nthird');
  // The partial line has no stamp until it is complete.
  expect(tail.since(2)).toBe('');
  stamp = 4;
  tail.push(' done\n');
  expect(tail.since(3)).toBe('partial done');
});

test('without a stamp function every line has stamp 0', () => {
  const tail = new TailBuffer();
  tail.push('x\n');
  expect(tail.since(-1)).toBe('x');
  expect(tail.since(0)).toBe('');
});

// Regression test: each Buffer is decoded on its own (chunk.toString()), so a UTF-8 character split between
// two chunks of a child's stderr (pipes split anywhere) turns into two U+FFFD. stdio.ts pushes
// raw Buffers. A StringDecoder would keep the incomplete bytes for the next chunk.
test('a UTF-8 character split between two chunks survives', () => {
  const tail = new TailBuffer();
  const euro = Buffer.from('€\n'); // e2 82 ac 0a
  tail.push(euro.subarray(0, 2));
  tail.push(euro.subarray(2));
  expect(tail.text()).toBe('€');
});
