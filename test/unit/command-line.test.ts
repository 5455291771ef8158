import { commandLine } from '../../src/process/command-line';

test('plain words are joined by spaces', () => {
  expect(commandLine('node', ['server.js', '--port', '3000', '--flag=a,b'])).toBe('node server.js --port 3000 --flag=a,b');
  expect(commandLine('npx', [])).toBe('npx');
});

test('empty arguments and arguments with spaces or quotes are quoted', () => {
  expect(commandLine('node', ['my server.js', ''])).toBe("node 'my server.js' ''");
  expect(commandLine('echo', ["it's"])).toBe(`echo 'it'\\''s'`);
  expect(commandLine('echo', ['tab\there'])).toBe("echo 'tab\there'");
});

test('the command is quoted like an argument', () => {
  expect(commandLine('/opt/my tools/server', ['x'])).toBe("'/opt/my tools/server' x");
});

// Double quotes would let a shell expand `$VAR` and run `cmd`: copied into a shell, "$HOME" is not
// the argument $HOME. Single quotes (or a backslash) keep it; any of these forms would do.
test('an argument with $ is quoted so a shell keeps it as it is', () => {
  expect(["echo '$HOME'", 'echo "\\$HOME"', 'echo \\$HOME']).toContain(commandLine('echo', ['$HOME']));
});

test('a long argument is cut, saying how much is missing; the others are whole', () => {
  const line = commandLine('node', ['server.js', 'x'.repeat(1_000_000), '--port', '3000']);
  expect(line).toBe(`node server.js ${'x'.repeat(200)}… (999800 more characters) --port 3000`);
});
