import type { CoverageSummary, Part, TargetSummary } from './summary';
import { formatPart } from './threshold';

/**
 * The coverage summary as one self-contained HTML page: no script, no external stylesheet, font
 * or image, so it can be kept as a CI artifact and opened anywhere. Every name and URI comes from a
 * server and is escaped.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.ok{background:#e6f4ea}.low{background:#fce8e6}.none{color:#888}
li.hit::before{content:"\\2713  ";color:#137333}li.miss::before{content:"\\2717  ";color:#c5221f}
code{font:13px ui-monospace,monospace}`;

function cell(part: Part): string {
  const cls = part.percent === null ? 'none' : part.percent === 100 ? 'ok' : 'low';
  return `<td class="${cls}">${escapeHtml(formatPart(part))}</td>`;
}

function items(listed: string[], hit: (item: string) => boolean, extra: string[] = []): string {
  const lis = listed.map((item) => `<li class="${hit(item) ? 'hit' : 'miss'}"><code>${escapeHtml(item)}</code></li>`);
  // Exercised without being listed: an unknown tool called on purpose, a URI no list names.
  for (const item of extra) lis.push(`<li class="none"><code>${escapeHtml(item)}</code> (not listed)</li>`);
  return lis.length ? `<ul>${lis.join('')}</ul>` : '<p class="none">none listed</p>';
}

function details(key: string, t: TargetSummary): string {
  const unlisted = (done: string[], listed: string[]) => done.filter((d) => !listed.includes(d));
  const readHit = (item: string) => t.resources.read.includes(item) || t.resources.templatesRead.includes(item);
  const unmatchedReads = t.resources.read.filter((uri) => !t.resources.listed.includes(uri));
  return [
    `<h2 id="${escapeHtml(encodeURIComponent(key))}">${escapeHtml(key)}</h2>`,
    t.kind === 'server' ? `<p>Clients: ${t.clients.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}</p>` : '',
    t.listed ? '' : '<p class="low">Not listed: no session of it closed normally, so nothing is known to be missed.</p>',
    ...(t.listErrors ?? []).map((e) => `<p class="low">${escapeHtml(e)}</p>`),
    `<h3>Tools ${escapeHtml(formatPart(t.tools))}</h3>`,
    items(t.tools.listed, (n) => t.tools.called.includes(n), unlisted(t.tools.called, t.tools.listed)),
    `<h3>Resources ${escapeHtml(formatPart(t.resources))}</h3>`,
    items([...t.resources.listed, ...t.resources.templates], readHit),
    unmatchedReads.length
      ? `<p>Read URIs not listed as such:</p><ul>${unmatchedReads.map((u) => `<li><code>${escapeHtml(u)}</code></li>`).join('')}</ul>`
      : '',
    `<h3>Prompts ${escapeHtml(formatPart(t.prompts))}</h3>`,
    items(t.prompts.listed, (n) => t.prompts.got.includes(n), unlisted(t.prompts.got, t.prompts.listed)),
  ].join('\n');
}

export function coverageHtml(summary: CoverageSummary): string {
  const entries = Object.entries(summary.clients);
  const rows = entries.map(
    ([key, t]) =>
      `<tr><td><a href="#${escapeHtml(encodeURIComponent(key))}">${escapeHtml(key)}</a></td>${cell(t.tools)}${cell(t.resources)}${cell(t.prompts)}</tr>`,
  );
  const scope = summary.shard
    ? `<p>Shard ${escapeHtml(summary.shard)} of the suite only.</p>`
    : summary.mergedFrom
      ? `<p>Merged from ${summary.mergedFrom} summaries.</p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MCP coverage</title><style>${STYLE}</style></head>
<body><h1>MCP coverage</h1>${scope}
<table><thead><tr><th>Client</th><th>Tools</th><th>Resources</th><th>Prompts</th></tr></thead>
<tbody>${rows.join('\n') || '<tr><td colspan="4">No test file opened an MCP client.</td></tr>'}</tbody></table>
${entries.map(([key, t]) => details(key, t)).join('\n')}
</body></html>
`;
}
