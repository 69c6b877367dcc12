import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import type { Fee } from './types.ts';

/** The QR image of a VietQR payload, drawn in the browser (the encoder loads only when needed). */
const useQrImage = (payload: string | null): string | null => {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!payload) return undefined;
    let isCurrent = true;
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 240 }))
      .then((url) => {
        if (isCurrent) setImage(url);
      })
      .catch(() => undefined); // the payload text below still lets a banking app pay
    return () => {
      isCurrent = false;
    };
  }, [payload]);
  return image;
};

/**
 * The fee notice: the amount and the VietQR code (NAPAS EMVCo payload) a banking app scans; the
 * payload text is offered too, for apps that paste it. Once paid, it says when.
 */
export const PaymentPanel = ({ fee }: { fee: Fee }) => {
  const { t, lang } = useI18n();
  const qr = useQrImage(fee.paidAt ? null : fee.vietqr);
  return (
    <section className="panel panel-attention" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('payment.title')}</h2>
      <p>{t('payment.amount', { amount: formatMoney(fee.amount, lang) })}</p>
      {fee.paidAt ? (
        <p>{t('payment.paid', { date: formatDateTime(fee.paidAt, lang) })}</p>
      ) : (
        <>
          {qr ? (
            <figure className="receipt-qr">
              <img src={qr} alt={t('payment.qrAlt')} width={240} height={240} />
              <figcaption>{t('payment.qrCaption')}</figcaption>
            </figure>
          ) : null}
          {fee.vietqr ? (
            <details>
              <summary>{t('payment.payload')}</summary>
              <p className="code payload">{fee.vietqr}</p>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
};
