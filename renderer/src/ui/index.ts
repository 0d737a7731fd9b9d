// @process: renderer
// Shared building blocks for the window and for service UIs. Their APIs are kept stable.
export { listen, useVaultStore, type VaultState } from './store';
export { notify, notifyError, StatusArea, type NoticeKind } from './notify';
export { confirm, useConfirm, ConfirmDialog, ConfirmHost, type ConfirmOptions } from './confirm';
export { Modal, type ModalProps } from './modal';
export { FormDialog, type FormDialogProps } from './form-dialog';
export { RescueDialog, RescuedSecret, rescuedFrom, type Rescued } from './rescued-secret';
export { Busy, useBusy } from './busy';
export { Field, formMessage, type FieldProps } from './field';
export { SecretField, type SecretFieldProps } from './secret-field';
export { FormFooter, type FormFooterProps } from './form-footer';
export { showCopied, ClipboardCountdown } from './clipboard';
export { formatDate, formatDateTime } from './format';
export { AsOf, formatAge, useMinuteTick } from './as-of';
export { useEscape, DIALOG_LAYER } from './escape';
export { FOCUSABLE, focusInView, focusLost, focusTokenRow, keepFocusInView, registerFocusRescuer, rescueFocus, watchFocusLoss } from './focus';
export { onDialogOpen, openDialogCount } from './modal';
