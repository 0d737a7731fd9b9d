// @process: shared
// The building block of the contract: a channel is a runtime schema for its argument and a
// phantom type for its result. Nothing here runs any logic.
import type { z } from 'zod';

export interface ChannelSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: only its type is used. */
  readonly output: O;
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input, output: undefined as O });
}
