// @process: preload
// window.synvault: one function per contract method, and `on` for the contract's events — no
// generic invoke, no ipcRenderer, no event objects cross into the page. `on` subscribes only to
// the contract's own event channels and hands the page the payload alone. Bundled to one file
// (a sandboxed preload cannot require our modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { SynvaultApi } from '../shared/contract';
import { channelName, eventChannel, isEvent, METHODS } from '../shared/methods';

/** A function bound to one method's own IPC route; the page cannot choose the route. */
function bound(method: (typeof METHODS)[number]) {
  const route = channelName(method);
  return (input: unknown) => ipcRenderer.invoke(route, input);
}

/** Subscribes to one contract event; anything else (another channel, a call's channel) throws. */
function on(event: unknown, handler: unknown): () => void {
  if (!isEvent(event)) throw new TypeError('Synvault has no such event.');
  if (typeof handler !== 'function') throw new TypeError('An event handler must be a function.');
  const route = eventChannel(event);
  const listener = (_event: IpcRendererEvent, payload: unknown) => void handler(payload);
  ipcRenderer.on(route, listener);
  return () => void ipcRenderer.removeListener(route, listener);
}

const api = Object.freeze({ ...Object.fromEntries(METHODS.map((method) => [method, bound(method)])), on }) as unknown as SynvaultApi;

contextBridge.exposeInMainWorld('synvault', api);
