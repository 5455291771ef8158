/** jest-mcp's preset: absolute paths to its test environment, setup file and global hooks, and its reporters. */
declare const preset: {
  testEnvironment: string;
  setupFilesAfterEnv: string[];
  globalSetup: string;
  globalTeardown: string;
  reporters: string[];
};
export = preset;
