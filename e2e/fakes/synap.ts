// @process: test
// A stand-in for the Synap API V3 on 127.0.0.1 that answers as Synap's API pages describe
// (docs/services/synap.md): JSON:API documents (application/vnd.api+json), `Authorization:
// Bearer <PAT>`, and only the documented resources it serves — GET /v3/portal-usage/ (a
// PortalUsage document whose relationships name the Portal) and GET /v3/user-accounts/ (the
// account the token acts as). Any other path, the bare /v3 included, is a 404 in the JSON:API
// error shape whatever the token. On a known resource: 401 for a missing or unknown PAT, 404 for
// the tokens a test marks so (the getting-started page shows a bad token answered that way), 403
// for a call the token may not make.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const JSON_API = 'application/vnd.api+json';

export interface SynapFakeOptions {
  /** The Portal a good token belongs to (the usage document carries only its id). */
  portal?: { id: string; name: string };
  /** The administrator a good token acts as, for /user-accounts/. */
  account?: { id: string; name: string; emailAddress: string };
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

/** The documented resources this fake serves, shaped as their API pages show them. */
const RESOURCES: Record<string, (o: Required<SynapFakeOptions>) => unknown> = {
  '/v3/portal-usage/': (o) => ({
    data: {
      id: `usage-${o.portal.id}`,
      type: 'PAYGPortalUsage',
      attributes: { type: 'payg', creditsAllocated: 500, creditsUsed: 120, creditsRemaining: 380, overage: 0, usageByBillingPeriod: [] },
      relationships: { portal: { data: { id: o.portal.id, type: 'Portal' } } },
    },
  }),
  '/v3/user-accounts/': (o) => ({
    data: {
      id: o.account.id,
      type: 'UserAccount',
      attributes: { name: o.account.name, emailAddress: o.account.emailAddress, hasExternalAuth: false },
      relationships: {},
    },
  }),
};

export async function startSynapFake(opts: SynapFakeOptions = {}): Promise<SynapFake> {
  const options: Required<SynapFakeOptions> = {
    portal: opts.portal ?? { id: 'portal-7f3a', name: 'Riverside Academy' },
    account: opts.account ?? { id: 'user-dave', name: 'Dave Admin', emailAddress: 'dave@riverside.example' },
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
    const resource = RESOURCES[url.pathname];
    if (!resource || req.method !== 'GET') {
      return send(404, errorDoc(404, 'Not Found', 'The requested resource could not be found.'));
    }
    if (!bearer) return send(401, errorDoc(401, 'Unauthorized', 'A valid Personal Access Token is required.'));
    const token = (auth as string).slice('Bearer '.length);
    if (options.notFoundTokens.includes(token)) return send(404, errorDoc(404, 'Not Found', 'No Portal matches this token.'));
    if (options.forbiddenTokens.includes(token)) {
      return send(403, errorDoc(403, 'Forbidden', 'You do not have sufficient privileges to perform this action.'));
    }
    if (!options.goodTokens.includes(token)) return send(401, errorDoc(401, 'Unauthorized', 'The Personal Access Token is invalid or has been revoked.'));
    return send(200, resource(options));
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
