import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the docs tests read of a Markdown file: headings' anchors, links, fenced code blocks. */

export const ROOT = path.resolve(__dirname, '../..');

/** The user-facing Markdown files: the README, the docs folder, and the pages they link to. */
export function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return docs(full);
      return entry.name.endsWith('.md') ? [full] : [];
    });
  const top = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'examples/README.md', 'bench/README.md'].map((f) => path.join(ROOT, f));
  return [...top, ...docs(path.join(ROOT, 'docs'))].filter((f) => fs.existsSync(f));
}

export interface CodeBlock {
  lang: string;
  /** The words after the language on the fence line, e.g. `fragment`. */
  info: string[];
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Splits Markdown into prose lines (code blocks blanked) and fenced code blocks. */
export function parseMarkdown(text: string): { prose: string[]; blocks: CodeBlock[] } {
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { fence: string; lang: string; info: string[]; line: number; lines: string[] } | undefined;
  text.split('\n').forEach((line, index) => {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(line);
    if (open) {
      if (fence && fence[2].startsWith(open.fence) && fence[3] === '' && fence[4] === '') {
        blocks.push({ lang: open.lang, info: open.info, code: open.lines.join('\n'), line: open.line });
        open = undefined;
      } else open.lines.push(line);
      prose.push('');
    } else if (fence) {
      open = { fence: fence[2], lang: fence[3], info: fence[4].split(/\s+/).filter(Boolean), line: index + 1, lines: [] };
      prose.push('');
    } else prose.push(line);
  });
  return { prose, blocks };
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor, with `-1`, `-2` for repeats, as GitHub numbers them. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of parseMarkdown(text).prose) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Links in prose: `[text](target)`, with inline code spans left out. */
export function links(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  parseMarkdown(text).prose.forEach((line, index) => {
    const withoutCode = line.replace(/`[^`]*`/g, '``');
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: match[1], line: index + 1 });
  });
  return out;
}
