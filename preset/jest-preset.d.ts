/** jest-mcp's preset: absolute paths to its test environment, setup file and global hooks. */
declare const preset: {
  testEnvironment: string;
  setupFilesAfterEnv: string[];
  globalSetup: string;
  globalTeardown: string;
};
export = preset;
