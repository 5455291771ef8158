import { createSnapshotSerializer, type McpSnapshotSerializer } from '../../src/expect/serializer';

/** What the serializer hands Jest's printer: the scrubbed copy, captured instead of printed. */
export function scrubbed<T>(value: T, serializer: McpSnapshotSerializer = createSnapshotSerializer()!): T {
  let printed: unknown;
  serializer.serialize(value, {}, '', 0, [], (v) => {
    printed = v;
    return 'printed';
  });
  return printed as T;
}
