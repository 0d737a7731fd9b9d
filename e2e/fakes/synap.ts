// @process: test
// A stand-in for the Synap API V3 on 127.0.0.1, faithful to reference/synap.md: JSON:API
// documents (application/vnd.api+json), `Authorization: Bearer <PAT>`, a Portal document for a
// good token, JSON:API error documents with 401 (or 404, as Synap's getting-started page shows)
// for a bad one and 403 for a call the token may not make. It answers the same way on every path
// under its base, because Synap does not publish which path the getting-started request uses.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const JSON_API = 'application/vnd.api+json';

export interface SynapFakeOptions {
  /** The Portal a good token belongs to. */
  portal?: { id: string; name: string };
  /** Tokens answered with the Portal document. */
  goodTokens?: string[];
  /** Tokens that are valid but answered 403 (e.g. acting as a Subject-User without the privilege). */
  forbiddenTokens?: string[];
  /** Bad tokens answered 404 in the error shape, as the getting-started page shows; any other
   * unknown token gets 401. */
  notFoundTokens?: string[];
}

export interface SynapRequest {
  method: string;
  path: string;
  accept: string | undefined;
  /** Whether an Authorization header was sent, and whether it was Bearer — never its value. */
  bearer: boolean;
  headers: Record<string, string | string[] | undefined>;
}

export interface SynapFake {
  /** The API base, like https://api.synap.ac/v3. */
  url: string;
  requests: SynapRequest[];
  options: Required<SynapFakeOptions>;
  close(): Promise<void>;
}

const errorDoc = (status: number, title: string, detail: string) => ({ errors: [{ status: String(status), title, detail }] });

export async function startSynapFake(opts: SynapFakeOptions = {}): Promise<SynapFake> {
  const options: Required<SynapFakeOptions> = {
    portal: opts.portal ?? { id: 'portal-7f3a', name: 'Riverside Academy' },
    goodTokens: opts.goodTokens ?? [],
    forbiddenTokens: opts.forbiddenTokens ?? [],
    notFoundTokens: opts.notFoundTokens ?? [],
  };
  const requests: SynapRequest[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer \S+$/.test(auth);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, accept: req.headers.accept, bearer, headers: { ...req.headers, authorization: undefined } });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': JSON_API });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/v3' && !url.pathname.startsWith('/v3/')) {
      return send(404, errorDoc(404, 'Not Found', 'The requested resource could not be found.'));
    }
    if (!bearer) return send(401, errorDoc(401, 'Unauthorized', 'A valid Personal Access Token is required.'));
    const token = (auth as string).slice('Bearer '.length);
    if (options.notFoundTokens.includes(token)) return send(404, errorDoc(404, 'Not Found', 'No Portal matches this token.'));
    if (options.forbiddenTokens.includes(token)) {
      return send(403, errorDoc(403, 'Forbidden', 'You do not have sufficient privileges to perform this action.'));
    }
    if (!options.goodTokens.includes(token)) return send(401, errorDoc(401, 'Unauthorized', 'The Personal Access Token is invalid or has been revoked.'));
    return send(200, {
      data: { type: 'Portal', id: options.portal.id, attributes: { name: options.portal.name } },
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3`,
    requests,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
