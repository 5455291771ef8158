/**
 * `elicitation.form.applyDefaults` (MCP 2025-11-25, SEP-1034): a client that declares it fills
 * the `default` of every field of the requested schema its user left out, so the server gets
 * the values the form showed preselected. Pure, so it is unit-tested on hand-written answers.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The answer with the requested schema's defaults filled into an accepted answer's content.
 * Only the answer's own fields that are absent (or undefined) are filled; a field the responder
 * gave, even `null` or `''`, is the user's answer. A new object: a static `response` in config
 * is shared by every request and must not change. Anything that is not an accepted form answer
 * with a schema of properties comes back as it was.
 */
export function withSchemaDefaults(answer: unknown, params: unknown): unknown {
  if (!isRecord(answer) || answer.action !== 'accept') return answer;
  const schema = isRecord(params) ? params.requestedSchema : undefined;
  const properties = isRecord(schema) ? schema.properties : undefined;
  if (!isRecord(properties)) return answer;
  if (answer.content !== undefined && !isRecord(answer.content)) return answer;
  const content: Record<string, unknown> = { ...(answer.content ?? {}) };
  let filled = false;
  for (const [field, property] of Object.entries(properties)) {
    if (content[field] !== undefined || !isRecord(property) || !Object.prototype.hasOwnProperty.call(property, 'default')) continue;
    content[field] = property.default;
    filled = true;
  }
  return filled ? { ...answer, content } : answer;
}
