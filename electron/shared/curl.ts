// @process: shared
// "Copy as curl" in its two forms (docs/services/synap.md): the literal command, which holds the
// token itself and so stays in a shell's history once pasted, and the one that holds no token —
// `synvault exec` reads it from the keychain when the command runs and hands it over in the
// service's variable, which curl's header then takes from the environment.

// A value goes in double quotes (as people write curl commands) when nothing in it is special
// inside double quotes; otherwise in single quotes, which the shell takes literally.
export const singleQuoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
export const doubleQuoted = (s: string) => (/^[^"$`\\!\r\n]*$/.test(s) ? `"${s}"` : singleQuoted(s));
export const bareWord = (s: string) => (/^[A-Za-z0-9_:/.\-~%@+=,]+$/.test(s) ? s : singleQuoted(s));

export interface SubjectHeader {
  header: string;
  id: string;
}

function curlWords(url: string, authorization: string, subject?: SubjectHeader): string[] {
  const words = ['curl', '-H', authorization];
  if (subject) words.push('-H', doubleQuoted(`${subject.header}: ${subject.id}`));
  words.push(bareWord(url));
  return words;
}

/** The command with the token in it. */
export function curlCommand(url: string, token: string, subject?: SubjectHeader): string {
  return curlWords(url, doubleQuoted(`Authorization: Bearer ${token}`), subject).join(' ');
}

/** How `synvault exec` finds a token (electron/cli/args.ts): `service/label` when no other token
 * of the service has that label, else the id — a name that fits one token only. */
export function execName(token: { id: string; service: string; label: string }, tokens: ReadonlyArray<{ id: string; service: string; label: string }>): string {
  const same = tokens.filter((t) => t.service === token.service && t.label === token.label && t.id !== token.id);
  return same.length ? token.id : `${token.service}/${token.label}`;
}

/** The command without the token: `synvault exec NAME -- sh -c 'curl -H "Authorization: Bearer
 * $VAR" URL'`. The variable is read by the `sh` that exec starts, after exec has set it; written
 * straight after `--`, the calling shell would expand it first, to nothing. */
export function curlViaExec(url: string, name: string, variable: string, subject?: SubjectHeader): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new Error('Not a variable name.');
  const inner = curlWords(url, `"Authorization: Bearer $${variable}"`, subject).join(' ');
  return `synvault exec ${bareWord(name)} -- sh -c ${singleQuoted(inner)}`;
}
