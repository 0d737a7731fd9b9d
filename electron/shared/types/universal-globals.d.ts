// @process: shared
// The few globals the shared layer may use: ones that both the window and Node define the same
// way (WHATWG URL). Declared here, for the shared layer's own typecheck only, instead of giving
// it the DOM or Node types — which would let a DOM- or Node-only global slip in unnoticed.
// Where the shared code is compiled with the renderer or the core, their own libs declare these.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly hash: string;
  readonly host: string;
  readonly hostname: string;
  readonly href: string;
  readonly origin: string;
  readonly password: string;
  readonly pathname: string;
  readonly port: string;
  readonly protocol: string;
  readonly search: string;
  readonly username: string;
  toString(): string;
}
