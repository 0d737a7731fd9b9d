// @process: renderer
// Which token's Rotate dialog is open. The dialog lives in RotationHost, at the window's top, not
// in the token's row: a rotation that revokes the old token removes that row, and the steps must
// stay on screen. The token is kept as it was when Rotate was pressed (its label then).
import { create } from 'zustand';
import type { TokenSummary } from '../../../electron/shared/model';

export const useRotation = create<{ token: TokenSummary | null }>()(() => ({ token: null }));

export const openRotation = (token: TokenSummary) => useRotation.setState({ token });
export const closeRotation = () => useRotation.setState({ token: null });
