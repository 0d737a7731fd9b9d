// @process: main
// Binds every contract method to ipcMain, and sends the contract's events to the window. Nothing
// here names a channel: both lists come from the contract, and the payload is validated by the
// same dispatcher the harness uses.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { isAppUrl } from './app-protocol';
import { channelName, eventChannel, METHODS, type ContractEvent, type Result } from '../shared/contract';
import type { Dispatch } from '../core/handlers';

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Synvault window, so it was refused.' },
};

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

const sameFrame = (a: WebFrameMain, b: WebFrameMain) => a === b || (a.processId === b.processId && a.routingId === b.routingId);

/** True only for the main frame of our own window, showing a page of our own origin. */
export function isTrustedSender(event: SenderEvent, trusted: WebContents | null): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || !trusted || trusted.isDestroyed()) return false;
    if (event.sender !== trusted) return false;
    if (frame.parent !== null || !sameFrame(frame, trusted.mainFrame)) return false;
    return isAppUrl(frame.url);
  } catch {
    // A frame that was navigated away or destroyed mid-call throws on access.
    return false;
  }
}

/** Returns a function that removes the handlers again. */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, trusted: () => WebContents | null): () => void {
  for (const method of METHODS) {
    ipcMain.handle(channelName(method), async (event, payload: unknown) => {
      if (!isTrustedSender(event, trusted())) return FORBIDDEN_SENDER;
      return dispatch(method, payload);
    });
  }
  return () => {
    for (const method of METHODS) ipcMain.removeHandler(channelName(method));
  };
}

/** Sends each core event to the window on the event's own fixed channel, only while the window
 * shows our own page (never to a page it was navigated to). Returns the unsubscribe. */
export function bindEvents(subscribe: (listener: (event: ContractEvent) => void) => () => void, target: () => WebContents | null): () => void {
  return subscribe((event) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    try {
      if (!isAppUrl(contents.mainFrame.url)) return;
      contents.send(eventChannel(event.name), event.payload);
    } catch {
      // A frame disposed mid-send: the window is going, and its next load fetches anew.
    }
  });
}
