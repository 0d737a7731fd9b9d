// @process: cli
// What the full command line asks a person for on stdin: a secret at a hidden prompt (or piped),
// or one line (a two-factor code, a confirmation). Its own module, so that cli.ts and the commands
// it runs (rotate.ts) both import it without importing each other.
import { CliExit, type CliIo } from './io';

/** A hidden prompt on a terminal (raw mode, nothing echoed; Ctrl+C cancels), else all of stdin. */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  if (stdin.isTTY && stdin.setRawMode) {
    io.stderr.write(prompt);
    stdin.setRawMode(true);
    return new Promise((resolve, reject) => {
      let value = '';
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            done();
            return resolve(value);
          }
          if (ch === '\u0003') {
            done();
            return reject(new CliExit(130, 'Cancelled.'));
          }
          if (ch === '\u007f') value = value.slice(0, -1);
          else value += ch;
        }
      };
      const done = () => {
        stdin.setRawMode!(false);
        stdin.removeListener('data', onData);
        (stdin as NodeJS.ReadStream).pause?.();
        io.stderr.write('\n');
      };
      stdin.on('data', onData);
      (stdin as NodeJS.ReadStream).resume?.();
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** One line from stdin, without its newline. */
export function readLine(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (buf: Buffer) => {
      text += buf.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        io.stdin.removeListener('data', onData);
        (io.stdin as NodeJS.ReadStream).pause?.();
        resolve(text.slice(0, nl));
      }
    };
    io.stdin.on('data', onData);
    (io.stdin as NodeJS.ReadStream).resume?.();
  });
}
