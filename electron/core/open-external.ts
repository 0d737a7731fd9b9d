// @process: core
// Opening an https address the core built in the person's browser, for every service that sends
// them somewhere (Synap's Portal, Synapse's token page). Where there is no browser to open
// (the CLI, the harness without a port) or opening fails, the address is handed back so the
// window shows it instead: nothing is lost, and nothing claims it was opened.
export type OpenExternal = (url: string) => Promise<void>;

export async function openInBrowser(open: OpenExternal | undefined, url: string): Promise<{ url: string; opened: boolean }> {
  if (!open) return { url, opened: false };
  try {
    await open(url);
  } catch {
    return { url, opened: false };
  }
  return { url, opened: true };
}
