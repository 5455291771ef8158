import { connect } from 'node:net';
import { McpAuthError } from '../util/errors';
import type { McpSdk } from '../sdk';
import { type BrokerAnswer, type BrokerRequest, TokenBroker, answer, boundedFetch } from './broker';
import { capturing } from './capture';
import { brokerSocket } from './broker-server';
import { type Grant, type SignInSpec, UserSignIn } from './user-session';

/**
 * A worker's way to the token broker: the main process's over its Unix socket, or, when
 * jest-mcp's global setup did not run (a config that replaced the preset's `globalSetup`
 * without calling `mcpGlobalSetup`), a broker of the worker's own: each worker then signs in
 * once for itself.
 */

export interface BrokerLink {
  ask(request: BrokerRequest): Promise<Grant | undefined>;
}

/** A worker's own broker, kept for the worker's life. */
let local: TokenBroker | undefined;

function overSocket(socketPath: string, request: BrokerRequest): Promise<BrokerAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('error', (error) =>
      reject(new McpAuthError(`jest-mcp: the token broker of this run (in Jest's main process) is not reachable: ${error.message}`)),
    );
    socket.on('close', () => {
      try {
        resolve(JSON.parse(buffer) as BrokerAnswer);
      } catch {
        reject(new McpAuthError("jest-mcp: the token broker of this run (in Jest's main process) closed without an answer"));
      }
    });
  });
}

export function brokerLink(): BrokerLink {
  const socketPath = brokerSocket();
  return linkTo(socketPath ? (request) => overSocket(socketPath, request) : (request) => (local ??= new TokenBroker()).handle(request));
}

/**
 * A project's own provider lives in the worker that loaded it: that worker drives it, with the
 * same sign-in as jest-mcp's own, once per client session.
 */
export function providerLink(sdk: McpSdk, spec: SignInSpec, provider: unknown): BrokerLink {
  const user = new UserSignIn(sdk, spec, boundedFetch(spec.stepTimeoutMs), capturing(provider));
  return linkTo((request) => answer(user, request));
}

function linkTo(send: (request: BrokerRequest) => Promise<BrokerAnswer>): BrokerLink {
  return {
    async ask(request) {
      const answer = await send(request);
      if ('error' in answer) throw new McpAuthError(answer.error);
      return answer.grant;
    },
  };
}
