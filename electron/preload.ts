// @process: preload
// window.synvault: one function per contract method and nothing else — no generic invoke, no
// ipcRenderer, no event objects cross into the page. Bundled to one file (a sandboxed preload
// cannot require our modules).
import { contextBridge, ipcRenderer } from 'electron';
import { channelName, METHODS, type SynvaultApi } from './core/contract';

const api = Object.freeze(
  Object.fromEntries(METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelName(method), input)])),
) as unknown as SynvaultApi;

contextBridge.exposeInMainWorld('synvault', api);
