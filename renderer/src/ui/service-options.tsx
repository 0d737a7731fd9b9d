// @process: renderer
// The <option>s of every service <select>, so each list names the services the same way.
import { SERVICE_NAMES, SERVICES } from '../../../electron/shared/kinds';

export function ServiceOptions() {
  return (
    <>
      {SERVICES.map((s) => (
        <option key={s} value={s}>
          {SERVICE_NAMES[s]}
        </option>
      ))}
    </>
  );
}
