import { CONSENT_PURPOSES } from './consents.ts';
import { PURPOSE_TEXTS } from './purposes.ts';
import type { Register } from './register.ts';

/**
 * The public processing notice (Thông báo xử lý dữ liệu cá nhân), made from the register so that
 * what the public reads is what the repository declares. Vietnamese unless English is asked for.
 */
export type Lang = 'vi' | 'en';

/** `?lang=` wins; otherwise the first of vi/en in Accept-Language; Vietnamese by default. */
export const langOf = (query: string | undefined, acceptLanguage: string | undefined): Lang => {
  if (query === 'vi' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
};

const RIGHTS: Record<Lang, string[]> = {
  vi: [
    'Được biết về hoạt động xử lý dữ liệu cá nhân của mình',
    'Đồng ý hoặc không đồng ý, rút lại sự đồng ý',
    'Xem, nhận bản sao (JSON, PDF) và yêu cầu chỉnh sửa dữ liệu',
    'Yêu cầu xóa dữ liệu, trừ dữ liệu pháp luật buộc phải lưu trữ',
    'Phản đối, yêu cầu hạn chế xử lý; khiếu nại, tố cáo, yêu cầu bồi thường theo quy định',
  ],
  en: [
    'To know how their personal data is processed',
    'To consent or refuse, and to withdraw consent',
    'To see, obtain a copy (JSON, PDF) and have their data corrected',
    'To have their data deleted, except what the law requires to be kept',
    'To object or restrict processing; to complain and claim compensation as the law provides',
  ],
};

export const buildNotice = (register: Register, lang: Lang) => {
  const d = register.deadlines;
  return {
    lang,
    title: lang === 'vi' ? 'Thông báo xử lý dữ liệu cá nhân' : 'Personal data processing notice',
    version: register.version,
    controller: register.controller[lang],
    laws: register.laws,
    rights: RIGHTS[lang],
    howToExercise:
      lang === 'vi'
        ? `Đăng nhập và vào trang "Dữ liệu của tôi" (/du-lieu-cua-toi). Yêu cầu được xác nhận ngay (trong vòng ${d.requestAcknowledgeHours} giờ theo luật) và giải quyết trong ${d.requestCompleteWorkingDays} ngày làm việc.`
        : `Sign in and open "My data" (/du-lieu-cua-toi). A request is acknowledged at once (the law allows ${d.requestAcknowledgeHours} hours) and completed within ${d.requestCompleteWorkingDays} working days.`,
    breaches:
      lang === 'vi'
        ? `Khi phát hiện vi phạm, bên kiểm soát thông báo cho cơ quan chuyên trách bảo vệ dữ liệu cá nhân (A05, Bộ Công an) trong vòng ${d.breachNotifyHours} giờ.`
        : `When a breach is detected, the controller notifies the specialised authority (A05, Ministry of Public Security) within ${d.breachNotifyHours} hours.`,
    modules: register.modules.map((m) => ({
      id: m.id,
      name: m.name[lang],
      categories: m.categories.map((c) => ({ kind: c.kind, text: c[lang] })),
      purpose: m.purpose[lang],
      legalBasis: m.legalBasis[lang],
      recipients: m.recipients[lang],
      retention: m.retention[lang],
      storage: m.storage[lang],
    })),
    consentPurposes: CONSENT_PURPOSES.map((p) => ({ purpose: p, version: PURPOSE_TEXTS[p].version, ...PURPOSE_TEXTS[p][lang] })),
  };
};
