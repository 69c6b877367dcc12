export { buildVietQr, decodeVietQr, asciiPurpose, vietQrDataUrl, VietQrError, type VietQrInput } from './vietqr.ts';
export { feeQr, type FeeQr } from './fee-qr.ts';
export { signCallback, verifyCallbackSignature, PaymentCallback, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './callback.ts';
export { recordPayment, settlePayment, findPaymentByTransaction, GATEWAY_ACTOR, type Payment, type PaymentInput, type PaymentStatus } from './record-payment.ts';
export { onPaymentRecorded, type PaymentHook, type PaymentHookContext } from './hooks.ts';
export { paymentRoutes } from './routes.ts';
