import type { Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';
import type { DossierRow } from '../dossiers/dossier-store.ts';
import { amountInWords } from './amount-in-words.ts';
import { receiptsOf } from './fee-receipts.ts';
import { officialPdf } from './official-pdf.ts';
import { headingFor, timeAndDateInWords } from './paper-context.ts';

const DONG = new Intl.NumberFormat('vi-VN');
const dong = (n: number) => `${DONG.format(n)} đồng`;

/** The e-receipt numbered `n` (its 7-digit number, leading zeros optional) of a dossier, as PDF; 404 when the dossier has none such. */
export const feeReceiptPdf = async (db: Queryable, row: DossierRow, n: string): Promise<{ pdf: Uint8Array; fileName: string }> => {
  const receipt = (await receiptsOf(db, row.id)).find((r) => Number(r.number) === Number(n));
  if (!receipt) throw notFound('Không tìm thấy biên lai của hồ sơ');
  const issuedAt = new Date(receipt.issuedAt);
  const pdf = await officialPdf({
    title: 'BIÊN LAI THU PHÍ, LỆ PHÍ',
    subtitle: '(Biên lai điện tử)',
    heading: await headingFor(db, row.agency_id, `Ký hiệu: ${receipt.series} — Số: ${receipt.number}`, issuedAt),
    blocks: [
      { kind: 'field', label: 'Ký hiệu biên lai', value: receipt.series },
      { kind: 'field', label: 'Số biên lai', value: receipt.number },
      { kind: 'field', label: 'Người nộp', value: receipt.payerName },
      { kind: 'field', label: 'Mã hồ sơ', value: row.code ?? '' },
      { kind: 'field', label: 'Thủ tục', value: row.procedure_name ?? row.procedure_code },
      { kind: 'text', text: 'Khoản thu:' },
      { kind: 'list', items: receipt.items.map((i) => `${i.name}: ${dong(i.amount)}`) },
      { kind: 'field', label: 'Tổng số tiền', value: dong(receipt.amount) },
      { kind: 'field', label: 'Số tiền bằng chữ', value: amountInWords(receipt.amount) },
      { kind: 'field', label: 'Hình thức thanh toán', value: receipt.method === 'online' ? 'Chuyển khoản qua cổng thanh toán' : 'Tiền mặt tại Bộ phận Một cửa' },
      ...(receipt.transactionId ? [{ kind: 'field' as const, label: 'Mã giao dịch', value: receipt.transactionId }] : []),
      { kind: 'field', label: 'Thời điểm thu', value: timeAndDateInWords(issuedAt) },
    ],
    signer: ['ĐƠN VỊ THU', '(Biên lai điện tử, không cần chữ ký tay)'],
    keywords: [receipt.series, receipt.number],
  });
  return { pdf, fileName: `bien-lai-${receipt.number}.pdf` };
};
