import * as path from 'node:path';
import type { ClientSpec, Responder } from '../config/specs';
import type { McpElicitationOptions } from '../config/types';
import type { ServerRequestAnswers } from '../sdk';
import { McpModuleError } from '../util/errors';
import { exportedFunction, loadUserModule } from '../util/load-module';
import { withSchemaDefaults } from './elicitation-defaults';

/**
 * Answers for requests a server makes of the client (roots, sampling, elicitation), declared
 * per client in config. Jest config cannot carry functions to workers, so a dynamic answer is a
 * module path; the module is loaded in the environment, once per process.
 */

type Handler = (params: unknown, context: { client: string }) => unknown;

const loadedModules = new Map<string, Promise<Handler>>();

function loadHandler(file: string, where: string): Promise<Handler> {
  let loaded = loadedModules.get(file);
  if (!loaded) {
    loaded = loadUserModule(file).then((mod) => {
      const fn = exportedFunction(mod, ['respond']);
      if (!fn)
        throw new McpModuleError(`jest-mcp: ${where}.module (${file}) must export a function (module.exports, default or respond)`, file);
      return fn as Handler;
    });
    loadedModules.set(file, loaded);
  }
  return loaded;
}

function responderFor(responder: Responder, where: string, rootDir: string, client: string): (params: unknown) => Promise<unknown> {
  if ('response' in responder) return async () => responder.response;
  const file = path.resolve(rootDir, responder.module);
  return async (params) => (await loadHandler(file, where))(params, { client });
}

/**
 * What the client declares and answers, from the client's config. `asked` hears of every request
 * answered, with its method and params.
 */
export function answersFor(
  spec: ClientSpec,
  rootDir: string,
  asked: (method: string, params: unknown) => void = () => {},
): ServerRequestAnswers {
  const answers: ServerRequestAnswers = {};
  if (spec.roots) {
    const roots = spec.roots;
    answers.roots = () => {
      asked('roots/list', undefined);
      return { roots };
    };
  }
  if (spec.sampling) {
    const respond = responderFor(spec.sampling, `${spec.where}.sampling`, rootDir, spec.name);
    answers.sampling = (params) => {
      asked('sampling/createMessage', params);
      return respond(params);
    };
    if (spec.sampling.tools === true) answers.samplingTools = true;
  }
  if (spec.elicitation) {
    const where = `${spec.where}.elicitation`;
    const modes = elicitationModes(spec.elicitation);
    const form = modes.form && responderFor(modes.form, modes.declared ? `${where}.form` : where, rootDir, spec.name);
    const applyDefaults = modes.form?.applyDefaults === true;
    const respond = {
      // Both SDKs fill defaults themselves once the capability is declared, but not in every
      // version or era: filling here gives every client the same answer (filling twice is a no-op).
      form: form && applyDefaults ? async (params: unknown) => withSchemaDefaults(await form(params), params) : form,
      url: modes.url && responderFor(modes.url, `${where}.url`, rootDir, spec.name),
    };
    if (modes.declared) answers.elicitationModes = (['form', 'url'] as const).filter((mode) => modes[mode]);
    if (applyDefaults) answers.elicitationApplyDefaults = true;
    answers.elicitation = (params) => {
      asked('elicitation/create', params);
      // No mode is form mode (the 2025-06-18 shape).
      const mode = (params as { mode?: unknown } | undefined)?.mode === 'url' ? 'url' : 'form';
      const answer = respond[mode];
      // The SDK refuses a mode the client did not declare before it gets here; this is the backstop.
      if (!answer) return Promise.reject(new Error(`jest-mcp: ${where} has no responder for ${mode} mode (set ${where}.${mode})`));
      return answer(params);
    };
  }
  return answers;
}

/**
 * The responders per elicitation mode: a responder alone answers form mode (and declares no
 * modes, `elicitation: {}`); `{ form, url }` gives each mode its own and declares those.
 */
export function elicitationModes(options: McpElicitationOptions): {
  form?: Responder & { applyDefaults?: boolean };
  url?: Responder;
  declared: boolean;
} {
  if ('response' in options || 'module' in options) return { form: options, declared: false };
  return { form: options.form, url: options.url, declared: true };
}
