import type { OpenClient } from './owner';

/** A client and inbox that are not there (yet): any use throws `message`, from the test's own line. */
export function placeholder(message: string): Pick<OpenClient, 'client' | 'inbox'> {
  const fail = (): never => {
    throw new Error(message);
  };
  const unusable = new Proxy({}, { get: fail }) as never;
  return { client: unusable, inbox: unusable };
}
