/**
 * Every rule the suite checks: its stable id (what `skip`, `expectedFailures` and the baseline
 * name), what it asks, and where the spec says so. Ids never change meaning: users' baselines
 * hold them.
 */

const SPEC = 'https://modelcontextprotocol.io/specification/2025-11-25';

export const RULES = {
  'initialize/server-info': { what: 'serverInfo has a name and a version', spec: `${SPEC}/basic/lifecycle#initialization` },
  'initialize/protocol-version': {
    what: 'the negotiated protocol version is one the client knows',
    spec: `${SPEC}/basic/lifecycle#version-negotiation`,
  },
  'initialize/capabilities': { what: 'capabilities is an object of objects', spec: `${SPEC}/basic/lifecycle#capability-negotiation` },
  'initialize/instructions': { what: 'instructions, if sent, are a string', spec: `${SPEC}/basic/lifecycle#initialization` },
  'capabilities/flags': { what: 'listChanged and subscribe are booleans', spec: `${SPEC}/basic/lifecycle#capability-negotiation` },
  'capabilities/list-answers': {
    what: 'every declared list answers with its array',
    spec: `${SPEC}/basic/lifecycle#capability-negotiation`,
  },
  'capabilities/logging': { what: 'logging declared: logging/setLevel answers', spec: `${SPEC}/server/utilities/logging` },
  'capabilities/completions': {
    what: 'completions declared: completion/complete answers for a prompt argument',
    spec: `${SPEC}/server/utilities/completion`,
  },
  'pagination/follows-cursor': {
    what: 'nextCursor leads to more pages, ends, and no item is listed twice',
    spec: `${SPEC}/server/utilities/pagination`,
  },
  'tools/names-unique': { what: 'tool names are unique', spec: `${SPEC}/server/tools#tool-names` },
  'tools/name-valid': { what: 'a tool name is 1–128 characters of A-Z a-z 0-9 _ - .', spec: `${SPEC}/server/tools#tool-names` },
  'tools/input-schema-is-object': { what: 'inputSchema is a JSON Schema with type "object"', spec: `${SPEC}/server/tools#tool` },
  'tools/output-schema-is-object': {
    what: 'outputSchema, if given, is a JSON Schema with type "object"',
    spec: `${SPEC}/server/tools#output-schema`,
  },
  'tools/annotations': { what: 'the *Hint annotations are booleans, title a string', spec: `${SPEC}/server/tools#tool` },
  'tools/structured-content-matches-output-schema': {
    what: 'a safe call returns structuredContent valid against the outputSchema',
    spec: `${SPEC}/server/tools#output-schema`,
  },
  'icons/well-formed': {
    what: 'icons: src an http(s) URL or data: URI, mimeType a string, sizes like "48x48"/"any", theme light|dark',
    spec: `${SPEC}/basic/index#icons`,
  },
  'errors/unknown-tool': {
    what: 'a call to a tool that is not listed answers -32602 (or isError: true)',
    spec: `${SPEC}/server/tools#error-handling`,
  },
  'errors/unknown-method': { what: 'an unknown method answers -32601', spec: `${SPEC}/basic/index#error-codes` },
  'errors/invalid-params': {
    what: 'a safe tool called with a wrong-typed argument reports an error (isError or -32602), not success or a crash',
    spec: `${SPEC}/server/tools#error-handling`,
  },
  'resources/uris-unique': { what: 'resource uris are unique', spec: `${SPEC}/server/resources#listing-resources` },
  'resources/readable': {
    what: 'a listed resource reads back with contents for its uri',
    spec: `${SPEC}/server/resources#reading-resources`,
  },
  'resource-templates/uri-template-valid': {
    what: 'uriTemplate is a valid RFC 6570 template',
    spec: `${SPEC}/server/resources#resource-templates`,
  },
  'prompts/names-unique': { what: 'prompt names are unique', spec: `${SPEC}/server/prompts#listing-prompts` },
  'prompts/gettable': {
    what: 'a prompt without required arguments gets messages with roles user/assistant',
    spec: `${SPEC}/server/prompts#getting-a-prompt`,
  },
  'http/dns-rebinding-host': {
    what: 'a loopback server refuses (4xx) a request with a foreign Host header (DNS rebinding), and answers its own Host',
    spec: `${SPEC}/basic/transports#security-warning`,
  },
  'http/dns-rebinding-origin': {
    what: 'a loopback server refuses (4xx) a request with a foreign Origin header, and answers one without',
    spec: `${SPEC}/basic/transports#security-warning`,
  },
  'http/protocol-version-as-asked': {
    what: 'initialize asking for a version the server supports is answered with that version',
    spec: `${SPEC}/basic/lifecycle#version-negotiation`,
  },
  'auth/challenge': {
    what: 'a request without a token gets 401 with WWW-Authenticate: Bearer and resource_metadata',
    spec: `${SPEC}/basic/authorization#authorization-server-location`,
  },
  'auth/protected-resource-metadata': {
    what: 'the protected resource metadata (RFC 9728) at the path-inserted well-known names the server as resource and an authorization server',
    spec: `${SPEC}/basic/authorization#authorization-server-location`,
  },
  'auth/garbage-token-refused': { what: 'a token that is no token gets 401', spec: `${SPEC}/basic/authorization#token-handling` },
  'auth/valid-token-accepted': {
    what: "a valid token from the run's test authorization server is accepted",
    spec: `${SPEC}/basic/authorization#token-handling`,
  },
  'auth/expired-token-refused': { what: 'an expired token gets 401', spec: `${SPEC}/basic/authorization#token-handling` },
  'auth/not-yet-valid-token-refused': { what: 'a token not valid yet (nbf) gets 401', spec: `${SPEC}/basic/authorization#token-handling` },
  'auth/wrong-audience-refused': {
    what: 'a token issued for another resource (aud) gets 401',
    spec: `${SPEC}/basic/authorization#token-audience-binding-and-validation`,
  },
  'auth/wrong-issuer-refused': { what: 'a token naming another issuer gets 401', spec: `${SPEC}/basic/authorization#token-handling` },
  'auth/bad-signature-refused': { what: 'a token with a wrong signature gets 401', spec: `${SPEC}/basic/authorization#token-handling` },
  'auth/token-in-query-refused': {
    what: 'a valid token in the query string (?access_token=) is refused (4xx), never accepted',
    spec: `${SPEC}/basic/authorization#access-token-usage`,
  },
  'auth/insufficient-scope': {
    what: 'a token without the scope the server asks for gets 403 with error="insufficient_scope" and scope=',
    spec: `${SPEC}/basic/authorization#scope-challenge-handling`,
  },
} as const;

export type RuleId = keyof typeof RULES;
