import type { ClientSpec } from '../config/specs';
import type { McpSdk } from '../sdk';
import { createHttpTransport } from './http';
import { createStdioTransport } from './stdio';
import type { TransportHandle } from './types';

export type { TransportHandle } from './types';

/** One factory per transport kind, each behind the same small handle. */
export function createTransport(sdk: McpSdk, spec: ClientSpec): Promise<TransportHandle> {
  return spec.kind === 'stdio' ? createStdioTransport(sdk, spec) : createHttpTransport(sdk, spec);
}
