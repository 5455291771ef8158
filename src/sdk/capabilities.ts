import type { ServerRequestAnswers } from './types';

/**
 * The capabilities a client declares for the server's requests it answers, the same for both SDK
 * generations. An elicitation without modes stays `{}` (form mode only, as before 2025-11-25).
 */
export function clientCapabilities(answers: ServerRequestAnswers): Record<string, object> {
  const capabilities: Record<string, object> = {};
  if (answers.roots) capabilities.roots = { listChanged: true };
  if (answers.sampling) capabilities.sampling = answers.samplingTools ? { tools: {} } : {};
  if (answers.elicitation) {
    capabilities.elicitation = Object.fromEntries(
      (answers.elicitationModes ?? []).map((mode) => [
        mode,
        mode === 'form' && answers.elicitationApplyDefaults ? { applyDefaults: true } : {},
      ]),
    );
  }
  return capabilities;
}
