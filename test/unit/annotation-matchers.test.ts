import type {} from '../../src/index';
import { failureOf } from '../helpers/matcher-failure';
import { mcpMatchers } from '../../src/expect/matchers';

expect.extend(mcpMatchers);

const failure = failureOf;

const remove = { name: 'remove-note', annotations: { destructiveHint: true, idempotentHint: true, readOnlyHint: false } };
const list = { name: 'list-notes', title: 'List notes', annotations: { readOnlyHint: true, openWorldHint: false } };
const bare = { name: 'bare' };

describe('toHaveToolAnnotations on one tool', () => {
  test('passes on the hints given, with asymmetric matchers; title is the tool title or annotations.title', () => {
    expect(remove).toHaveToolAnnotations({ destructiveHint: true, idempotentHint: true });
    expect(remove).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) });
    expect(list).toHaveToolAnnotations({ title: 'List notes', readOnlyHint: true });
    expect({ name: 'x', annotations: { title: 'From annotations' } }).toHaveToolAnnotations({ title: 'From annotations' });
    expect(bare).toHaveToolAnnotations({ destructiveHint: undefined });
    expect(remove).not.toHaveToolAnnotations({ readOnlyHint: true });
  });

  test('the message names the tool, each wrong hint, and what it has', () => {
    const message = failure(() =>
      expect(remove).toHaveToolAnnotations({ readOnlyHint: true, destructiveHint: true, openWorldHint: false }),
    );
    expect(message).toContain(
      'expected tool "remove-note" to have annotations {"destructiveHint": true, "openWorldHint": false, "readOnlyHint": true}',
    );
    expect(message).toContain('readOnlyHint: expected true, received false');
    expect(message).toContain('openWorldHint: expected false, received absent (clients assume true)');
    expect(message).not.toContain('destructiveHint: expected');
    expect(message).toContain('it has annotations {"destructiveHint":true,"idempotentHint":true,"readOnlyHint":false}');
  });

  test('an absent destructiveHint of a read-only tool is not said to be assumed true', () => {
    const message = failure(() =>
      expect({ name: 'list', annotations: { readOnlyHint: true } }).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) }),
    );
    expect(message).toContain('destructiveHint: expected Any<Boolean>, received absent (meaningless for a read-only tool)');
  });

  test('"must be declared": expect.any(Boolean) fails on an absent hint, saying what clients assume', () => {
    const message = failure(() => expect(bare).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) }));
    expect(message).toContain('destructiveHint: expected Any<Boolean>, received absent (clients assume true)');
    expect(message).toContain('it has annotations (none)');
  });

  test('.not fails when every given hint matches, showing the tool', () => {
    const message = failure(() => expect(list).not.toHaveToolAnnotations({ readOnlyHint: true }));
    expect(message).toContain('expected tool "list-notes" not to have annotations {"readOnlyHint": true}');
    expect(message).toContain('it has title "List notes", annotations {"readOnlyHint":true,"openWorldHint":false}');
  });
});

describe('toHaveToolAnnotations on a list', () => {
  test('every tool must match; the message names those that do not', () => {
    expect([remove, { name: 'b', annotations: { destructiveHint: false } }]).toHaveToolAnnotations({
      destructiveHint: expect.any(Boolean),
    });
    const message = failure(() => expect({ tools: [remove, list, bare] }).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) }));
    expect(message).toContain('expected every tool to have annotations {"destructiveHint": Any<Boolean>}, but 2 of 3 do not:');
    expect(message).toContain('but 2 of 3 do not:');
    expect(message).toMatch(/list-notes: destructiveHint: expected Any<Boolean>, received absent/);
    expect(message).toMatch(/bare: destructiveHint: expected Any<Boolean>, received absent/);
    expect(message).not.toMatch(/remove-note:/);
  });

  test('.not: no tool matches; the message names those that do', () => {
    expect([list, bare]).not.toHaveToolAnnotations({ destructiveHint: true });
    const message = failure(() => expect({ tools: [remove, list, bare] }).not.toHaveToolAnnotations({ destructiveHint: true }));
    expect(message).toContain('expected no tool to have annotations {"destructiveHint": true}, but 1 of 3 do:');
    expect(message).toContain('remove-note: annotations');
  });

  test('an empty list fails (nothing was checked); a wrong value is misuse, with or without .not', () => {
    expect(failure(() => expect([]).toHaveToolAnnotations({ readOnlyHint: true }))).toContain('but the list is empty');
    expect(failure(() => expect({ content: [] }).not.toHaveToolAnnotations({ readOnlyHint: true }))).toContain(
      'toHaveToolAnnotations: expected a tool (from listTools().tools or mcpClients.x.listed.tools), or a list of them',
    );
    expect(failure(() => expect(remove).toHaveToolAnnotations(true as never))).toContain('expected hints as an object');
  });
});
