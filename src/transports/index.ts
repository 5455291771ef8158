import type { ClientSpec } from '../config';
import { createSseTransport, createStreamableHttpTransport } from './http';
import { createStdioTransport } from './stdio';
import type { TransportHandle } from './types';

export type { TransportHandle } from './types';

/** One factory per transport kind; each loads its part of the SDK only when called. */
export function createTransport(spec: ClientSpec): Promise<TransportHandle> {
  switch (spec.kind) {
    case 'streamable-http':
      return createStreamableHttpTransport(spec);
    case 'sse':
      return createSseTransport(spec);
    case 'stdio':
      return createStdioTransport(spec);
  }
}
