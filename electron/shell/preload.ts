// @process: preload
// window.synvault: one function per contract method and nothing else — no generic invoke, no
// ipcRenderer, no event objects cross into the page. Bundled to one file (a sandboxed preload
// cannot require our modules).
import { contextBridge, ipcRenderer } from 'electron';
import type { SynvaultApi } from '../shared/contract';
import { channelName, METHODS } from '../shared/methods';

/** A function bound to one method's own IPC route; the page cannot choose the route. */
function bound(method: (typeof METHODS)[number]) {
  const route = channelName(method);
  return (input: unknown) => ipcRenderer.invoke(route, input);
}

const api = Object.freeze(Object.fromEntries(METHODS.map((method) => [method, bound(method)]))) as unknown as SynvaultApi;

contextBridge.exposeInMainWorld('synvault', api);
