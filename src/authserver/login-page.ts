/**
 * The test authorization server's login page. Its shape is a contract: a headless sign-in
 * (`login: { username, password }`) finds the one `<form method="post">` and fills in
 * `username` and `password`; a person in a browser sees an ordinary form.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function loginPage(options: { client: string; username?: string; error?: string }): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<h1>Sign in</h1>
<p>to continue to ${escapeHtml(options.client)}</p>
${error}<form method="post">
<label>Username <input name="username" autocomplete="username" value="${escapeHtml(options.username ?? '')}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>
</body>
</html>
`;
}
