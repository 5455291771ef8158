import { RULES } from './catalog';
import type { ConformanceOptions } from './types';

/**
 * Checks the options when the file is collected, so a typo (`readonly`, a rule id that does not
 * exist) fails the file with a message instead of silently checking something else.
 */

const KEYS = ['skip', 'expectedFailures', 'baseline', 'readOnly', 'calls', 'maxItems', 'maxPages', 'timeout'];

export function validateOptions(client: string, options: unknown): asserts options is ConformanceOptions {
  const fail = (what: string) => {
    throw new Error(`describeConformance('${client}'): ${what}`);
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return fail(`options must be an object`);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KEYS.includes(key)) fail(`unknown option "${key}" (known: ${KEYS.join(', ')})`);
  for (const key of ['skip', 'expectedFailures']) {
    const list = o[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((e) => typeof e === 'string'))
      fail(`${key} must be an array of check ids ("rule-id" or "rule-id: item")`);
    for (const entry of list as string[]) {
      const rule = entry.split(': ')[0];
      if (!(rule in RULES)) fail(`${key}: "${entry}" names no rule; rules: ${Object.keys(RULES).join(', ')}`);
    }
  }
  if (o.baseline !== undefined && (typeof o.baseline !== 'string' || o.baseline === ''))
    fail('baseline must be a file path (from rootDir)');
  if (o.readOnly !== undefined && typeof o.readOnly !== 'boolean') fail('readOnly must be true or false');
  for (const key of ['maxItems', 'maxPages', 'timeout']) {
    const n = o[key];
    if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n > 0)) fail(`${key} must be a positive whole number`);
  }
  const calls = o.calls;
  if (calls !== undefined) {
    if (typeof calls !== 'object' || calls === null || Array.isArray(calls))
      fail('calls must be an object: { toolName: { argument: value } }');
    for (const [tool, args] of Object.entries(calls as object))
      if (typeof args !== 'object' || args === null || Array.isArray(args)) fail(`calls.${tool} must be an object of arguments`);
  }
}
