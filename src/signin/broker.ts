import { createHash } from 'node:crypto';
import { loadSdk } from '../sdk';
import { type Grant, type SignInSpec, UserSignIn } from './user-session';

/**
 * The token broker: one `UserSignIn` per user (a client's name with its server and sign-in
 * settings), so every file and worker of the run shares that user's tokens. Lives in Jest's
 * main process behind a Unix socket (`broker-server.ts`), or in a worker when the preset's
 * global setup did not run.
 */

export type BrokerRequest =
  | { op: 'peek'; spec: SignInSpec }
  | { op: 'token'; spec: SignInSpec }
  | { op: 'rejected'; spec: SignInSpec; serial?: number; challenge?: string }
  | { op: 'stepUp'; spec: SignInSpec; serial?: number; challenge: string };

export type BrokerAnswer = { grant?: Grant } | { error: string };

/** Every HTTP request of a sign-in is bounded; the SDK's own requests get the same limit. */
function boundedFetch(timeoutMs: number) {
  return (url: string | URL, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

export class TokenBroker {
  private readonly users = new Map<string, UserSignIn>();

  private user(spec: SignInSpec): UserSignIn {
    const key = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
    let found = this.users.get(key);
    if (!found) {
      found = new UserSignIn(loadSdk(spec.sdk), spec, boundedFetch(spec.stepTimeoutMs));
      this.users.set(key, found);
    }
    return found;
  }

  handle(request: BrokerRequest): Promise<BrokerAnswer> {
    try {
      return answer(this.user(request.spec), request);
    } catch (error) {
      return Promise.resolve({ error: (error as Error).message });
    }
  }

  /** Sign-ins and refreshes per user, summed: what a test or the bench compares. */
  counts(): { signIns: number; refreshes: number } {
    let signIns = 0;
    let refreshes = 0;
    for (const user of this.users.values()) {
      signIns += user.counts.signIns;
      refreshes += user.counts.refreshes;
    }
    return { signIns, refreshes };
  }

  /** The end of the run: every token and registration is forgotten. */
  clear(): void {
    this.users.clear();
  }
}

/** One request for one user's token, answered; a failure is an answer too (it crosses a socket). */
export async function answer(user: UserSignIn, request: BrokerRequest): Promise<BrokerAnswer> {
  try {
    const challenge = (header: string | undefined) => (header ? loadSdk(request.spec.sdk).bearerChallenge(header) : undefined);
    switch (request.op) {
      case 'peek':
        return { grant: await user.peek() };
      case 'token':
        return { grant: await user.token() };
      case 'rejected':
        return { grant: await user.rejected(request.serial, challenge(request.challenge)) };
      case 'stepUp':
        return { grant: await user.stepUp(request.serial, challenge(request.challenge) ?? {}) };
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export { boundedFetch };
