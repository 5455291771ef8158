/**
 * @mcp-clients admin
 */
import { describeConformance } from 'jest-mcp/conformance';

// One test per spec rule and item, from what the notes server declares: its tools' names and
// schemas, structuredContent against outputSchema for the tools safe to call, error codes,
// pagination, every listed resource readable, the prompt. Nothing it does not declare is asked.
// It calls only read-only tools that need no arguments (as admin, the admin tools answer too),
// and those given arguments here; never notes_create, notes_update or notes_delete.
describeConformance('admin', {
  calls: { notes_list: { category: 'work' } },
});
