import type { ClientSpec } from '../config/specs';
import type { McpSdk, RealmLoader } from '../sdk';
import { createInProcessTransport } from './in-process';
import { createHttpTransport } from './http';
import { createStdioTransport } from './stdio';
import type { TransportHandle } from './types';

export type { TransportHandle } from './types';

/** One factory per transport kind, each behind the same small handle. */
export function createTransport(sdk: McpSdk, spec: ClientSpec, realm?: () => RealmLoader | undefined): Promise<TransportHandle> {
  if (spec.kind === 'in-process') return createInProcessTransport(sdk, spec, realm?.());
  return spec.kind === 'stdio' ? createStdioTransport(sdk, spec) : createHttpTransport(sdk, spec);
}
