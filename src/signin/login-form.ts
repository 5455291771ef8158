/**
 * Finding the login form on an authorization server's page, without a browser: the first form
 * holding a password input, its action, method and fields. Enough for plain HTML login pages
 * (the bundled test authorization server's, most identity providers' fallbacks); a page that
 * needs scripts takes a `login` module instead.
 */

export interface LoginForm {
  action: URL;
  method: 'GET' | 'POST';
  /** Every named input's current value (hidden fields such as CSRF tokens included). */
  fields: Record<string, string>;
  usernameField?: string;
  passwordField: string;
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    found[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function findLoginForm(html: string, pageUrl: URL): LoginForm | undefined {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttributes = attributes(form[1]);
    const inputs = [...form[2].matchAll(/<input\b([^>]*)>/gi)].map((input) => attributes(input[1]));
    const password = inputs.find((input) => input.type?.toLowerCase() === 'password' && input.name);
    if (!password) continue;
    const fields: Record<string, string> = {};
    for (const input of inputs) if (input.name && input.type?.toLowerCase() !== 'submit') fields[input.name] = input.value ?? '';
    const username =
      inputs.find((input) => input.name && /^(username|user|login|email)$/i.test(input.name)) ??
      inputs.find((input) => input.name && ['text', 'email', undefined].includes(input.type?.toLowerCase()));
    return {
      action: new URL(formAttributes.action || pageUrl.href, pageUrl),
      method: formAttributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST',
      fields,
      usernameField: username?.name,
      passwordField: password.name,
    };
  }
  return undefined;
}
