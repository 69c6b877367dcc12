import type { ConsentPurpose } from './consents.ts';

/**
 * The texts a person agrees to, per purpose, with their version: a consent row records the version
 * shown. Changing a text means a new version; people who agreed to the old one keep that consent
 * until they agree again (grantConsent closes the old row then).
 */
export type PurposeText = { version: string; vi: { title: string; text: string }; en: { title: string; text: string } };

export const PURPOSE_TEXTS: Record<ConsentPurpose, PurposeText> = {
  'population-prefill': {
    version: '2026-01',
    vi: {
      title: 'Điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư',
      text: 'Tôi đồng ý để hệ thống tra cứu họ tên, ngày sinh, giới tính, nơi thường trú và nơi ở hiện tại của tôi trong Cơ sở dữ liệu quốc gia về dân cư theo số định danh cá nhân của tôi, chỉ để điền sẵn tờ khai hồ sơ do tôi nộp. Tôi có thể rút lại sự đồng ý bất cứ lúc nào.',
    },
    en: {
      title: 'Prefill from the national population database',
      text: 'I agree that the system looks up my name, date of birth, sex, permanent and current residence in the national population database by my personal ID number, only to prefill the forms I file. I can withdraw this consent at any time.',
    },
  },
  'notifications-sms': {
    version: '2026-01',
    vi: { title: 'Nhận tin nhắn SMS', text: 'Tôi đồng ý nhận tin nhắn SMS về hồ sơ và phản ánh của tôi tại số điện thoại đã đăng ký.' },
    en: { title: 'SMS messages', text: 'I agree to receive SMS messages about my dossiers and reports at my registered phone number.' },
  },
  'notifications-email': {
    version: '2026-01',
    vi: { title: 'Nhận thư điện tử', text: 'Tôi đồng ý nhận thư điện tử về hồ sơ và phản ánh của tôi tại địa chỉ e-mail đã đăng ký.' },
    en: { title: 'E-mail', text: 'I agree to receive e-mails about my dossiers and reports at my registered address.' },
  },
};
