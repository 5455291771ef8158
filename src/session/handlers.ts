import * as path from 'node:path';
import type { ClientSpec, Responder } from '../config/specs';
import type { ServerRequestAnswers } from '../sdk';
import { McpModuleError } from '../util/errors';
import { exportedFunction, loadUserModule } from '../util/load-module';

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
  }
  if (spec.elicitation) {
    const respond = responderFor(spec.elicitation, `${spec.where}.elicitation`, rootDir, spec.name);
    answers.elicitation = (params) => {
      asked('elicitation/create', params);
      return respond(params);
    };
  }
  return answers;
}
