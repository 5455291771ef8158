import { type JestRun, runJest } from './jest-process';
import type { Project } from './project';

export type SdkGeneration = 'v1' | 'v2';

export interface SdkRun {
  project: Project;
  run: JestRun;
}

/** One scenario on SDK 1.x and on 2.x: a project for each, made by `make`, run side by side (in band each). */
export async function runOnBothSdks(make: (sdk: SdkGeneration) => Project): Promise<Record<SdkGeneration, SdkRun>> {
  const projects = { v1: make('v1'), v2: make('v2') };
  const [v1, v2] = await Promise.all([runJest(projects.v1.dir, { args: ['-i'] }), runJest(projects.v2.dir, { args: ['-i'] })]);
  return { v1: { project: projects.v1, run: v1 }, v2: { project: projects.v2, run: v2 } };
}
