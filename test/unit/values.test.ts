import * as vm from 'node:vm';
import { bridgeCallbacks, isPlainData, toTestRealm } from '../../src/realm/values';

test('plain data is copied with this realm’s constructors', () => {
  const value = { a: [1, { b: 'c' }], d: null };
  const copy = toTestRealm(value);
  expect(copy).toEqual(value);
  expect(copy).not.toBe(value);
  expect(copy.a).not.toBe(value.a);
});

test('data made in another realm comes back as this realm’s objects and arrays', () => {
  const foreign = vm.runInNewContext('({ list: [1, 2], nested: { x: true } })') as { list: number[]; nested: object };
  expect(foreign).not.toBeInstanceOf(Object); // the premise: another realm's Object
  expect(isPlainData(foreign)).toBe(true);
  const copy = toTestRealm(foreign);
  expect(copy).toBeInstanceOf(Object);
  expect(copy.list).toBeInstanceOf(Array);
  expect(Object.getPrototypeOf(copy.nested)).toBe(Object.prototype);
  expect(copy).toStrictEqual({ list: [1, 2], nested: { x: true } });
});

test('an object with a null prototype is plain data', () => {
  const bare = Object.assign(Object.create(null), { k: 1 });
  expect(isPlainData(bare)).toBe(true);
  expect(Object.getPrototypeOf(toTestRealm(bare))).toBe(Object.prototype);
});

test('class instances, functions and primitives are handed over as they are', () => {
  class Thing {
    x = 1;
  }
  const thing = new Thing();
  const date = new Date(0);
  const fn = () => 1;
  expect(isPlainData(thing)).toBe(false);
  expect(toTestRealm(thing)).toBe(thing);
  expect(toTestRealm(date)).toBe(date);
  expect(toTestRealm(fn)).toBe(fn);
  expect([toTestRealm('s'), toTestRealm(1), toTestRealm(null), toTestRealm(undefined)]).toEqual(['s', 1, null, undefined]);
});

test('cycles and BigInt cannot be copied as JSON: the value is handed over as it is', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(toTestRealm(cyclic)).toBe(cyclic);
  const big = { n: 1n };
  expect(toTestRealm(big)).toBe(big);
});

describe('bridgeCallbacks', () => {
  test('a callback receives this realm’s copies of its arguments', () => {
    const seen: unknown[] = [];
    const foreign = vm.runInNewContext('({ progress: 1, total: 2 })');
    const bridged = bridgeCallbacks((arg: unknown) => seen.push(arg)) as (a: unknown) => unknown;
    bridged(foreign);
    expect(seen[0]).toBeInstanceOf(Object);
    expect(seen[0]).toEqual({ progress: 1, total: 2 });
  });

  test('an options object gets its function values bridged, the rest kept', () => {
    const seen: unknown[] = [];
    const options = { timeout: 5, onprogress: (p: unknown) => seen.push(p) };
    const bridged = bridgeCallbacks(options) as typeof options;
    expect(bridged).not.toBe(options);
    expect(bridged.timeout).toBe(5);
    const payload = { progress: 1 };
    bridged.onprogress(payload);
    expect(seen[0]).toEqual(payload);
    expect(seen[0]).not.toBe(payload);
  });

  test('objects without functions, arrays and primitives are returned as they are', () => {
    const options = { timeout: 5 };
    const list = [() => 1];
    expect(bridgeCallbacks(options)).toBe(options);
    expect(bridgeCallbacks(list)).toBe(list);
    expect(bridgeCallbacks(3)).toBe(3);
  });
});

test('the copy is what a JSON round trip gives, whatever the data holds', () => {
  const jsonish = { s: 'text', n: -1.5, t: true, f: false, z: null, list: [1, 'two', [3], { four: 4 }], '10': 'ten', '2': 'two' };
  const awkward = {
    gone: undefined,
    list: [undefined, NaN, Infinity, () => 1],
    when: new Date(0),
    own: { toJSON: () => 'mine' },
    nested: { deeper: { nan: NaN } },
  };
  for (const value of [jsonish, awkward]) {
    const copy = toTestRealm(value);
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.keys(copy)).toEqual(Object.keys(JSON.parse(JSON.stringify(value))));
  }
});

test('a `__proto__` key is copied as data, never as the prototype', () => {
  const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
  const copy = toTestRealm(value);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
});

test('data nested deeper than JSON copying needs still comes back whole', () => {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 2000; i++) deep = [deep];
  expect(toTestRealm(deep)).toStrictEqual(JSON.parse(JSON.stringify(deep)));
});
