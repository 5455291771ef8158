import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, anchors, links, markdownFiles, slug } from '../helpers/markdown';

/**
 * Every relative link in the README, the docs and the other pages users read points at a file
 * that exists, and at a heading that exists in it: the docs are split over many files, and a
 * heading renamed in one must not leave dead links in the others.
 */

const files = markdownFiles();

test('the link checker reads the README, CONTRIBUTING and every page of docs/', () => {
  const names = files.map((f) => path.relative(ROOT, f));
  expect(names).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/README.md', 'docs/configuration.md']));
});

test('slugs are GitHub anchors', () => {
  expect(slug('`${VAR}` interpolation')).toBe('var-interpolation');
  expect(slug('`servers.<name>`')).toBe('serversname');
  expect(slug('What the server sent: `received`')).toBe('what-the-server-sent-received');
  expect([...anchors('# A\n## B\n```\n# not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
});

test.each(files.map((f) => path.relative(ROOT, f)))('%s: every relative link resolves', (name) => {
  const file = path.join(ROOT, name);
  const text = fs.readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const { target, line } of links(text)) {
    if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
    const [pathPart, anchor] = target.split('#');
    const dest = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    if (!fs.existsSync(dest)) {
      broken.push(`${name}:${line}: ${target}: no such file`);
      continue;
    }
    if (anchor !== undefined && dest.endsWith('.md') && !anchors(fs.readFileSync(dest, 'utf8')).has(anchor)) {
      broken.push(`${name}:${line}: ${target}: no heading #${anchor} in ${path.relative(ROOT, dest)}`);
    }
  }
  expect(broken).toEqual([]);
});

test('the README stays a front page (at most 25 KB) and shows the two commands for a clone', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
  expect(readme).toContain('npm install && npm run example');
  expect(readme).toMatch(/npm run example[^\n]*\n\s*npm test\b/);
});

test('docs/README.md lists every page of docs/', () => {
  const index = fs.readFileSync(path.join(ROOT, 'docs/README.md'), 'utf8');
  const linked = new Set(links(index).map(({ target }) => target.split('#')[0]));
  const pages = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  expect(pages.filter((p) => !linked.has(p))).toEqual([]);
});
