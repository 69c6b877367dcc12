/**
 * The one catalogue of error kinds the API answers with, as RFC 9457 problem+json. Each `type` is
 * stable (clients may switch on it) and documented at `GET /problems/{code}` and in docs/errors.md.
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'Dữ liệu không hợp lệ', en: 'The request has invalid fields.' },
  'bad-request': { status: 400, title: 'Yêu cầu không hợp lệ', en: 'The request cannot be understood.' },
  unauthenticated: { status: 401, title: 'Chưa đăng nhập', en: 'Sign in first.' },
  'invalid-credentials': { status: 401, title: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password.' },
  'invalid-code': { status: 400, title: 'Mã xác thực không đúng hoặc đã hết hạn', en: 'The one-time code is wrong or expired.' },
  'login-ticket-invalid': { status: 401, title: 'Lượt đăng nhập đã hết hạn, vui lòng đăng nhập lại', en: 'The sign-in ticket is unknown, used or expired; sign in again.' },
  'separation-of-duties': { status: 409, title: 'Vi phạm nguyên tắc tách biệt nhiệm vụ', en: 'A user administrator cannot also hold roles that act on dossiers or reports.' },
  'weak-password': { status: 400, title: 'Mật khẩu chưa đạt yêu cầu an toàn', en: 'The password does not meet the password policy; see errors.' },
  'invalid-signature': { status: 401, title: 'Chữ ký không hợp lệ hoặc đã hết hạn', en: 'The request signature is missing, wrong or too old.' },
  forbidden: { status: 403, title: 'Không có quyền thực hiện', en: 'Your role may not do this.' },
  'csrf-failed': { status: 403, title: 'Thiếu hoặc sai mã chống giả mạo (CSRF)', en: 'Missing or wrong CSRF token.' },
  'identity-level-required': {
    status: 403,
    title: 'Thủ tục này yêu cầu đăng nhập bằng tài khoản định danh điện tử VNeID mức độ 2',
    en: 'This procedure needs a higher electronic-identification level: sign in with VNeID (level 2, or the level in requiredLevel).',
  },
  'consent-required': { status: 403, title: 'Cần sự đồng ý của bạn trước khi xử lý dữ liệu cá nhân này', en: 'Your consent to this purpose is needed first; see purpose.' },
  'not-found': { status: 404, title: 'Không tìm thấy', en: 'Not found.' },
  'population-not-found': { status: 404, title: 'Không tìm thấy thông tin công dân trong Cơ sở dữ liệu quốc gia về dân cư', en: 'The national population database has no record for this ID number; fill the form by hand.' },
  conflict: { status: 409, title: 'Xung đột dữ liệu', en: 'The change conflicts with the current state.' },
  'unknown-action': { status: 400, title: 'Thao tác không tồn tại trong quy trình', en: 'The workflow has no such action.' },
  'wrong-state': { status: 409, title: 'Không thể thực hiện thao tác ở trạng thái hiện tại', en: 'The action is not allowed in the current state; see allowedActions.' },
  'concurrent-change': { status: 409, title: 'Dữ liệu vừa được người khác thay đổi, vui lòng tải lại', en: 'Someone else changed the record first; reload and try again.' },
  'missing-fields': { status: 422, title: 'Thiếu thông tin bắt buộc', en: 'Required fields are missing; see errors.' },
  'dossier-incomplete': { status: 422, title: 'Hồ sơ chưa đầy đủ hoặc chưa hợp lệ', en: 'The dossier lacks required data or documents, or has invalid ones; see errors.' },
  'unmapped-procedure': { status: 422, title: 'Mã thủ tục quốc gia chưa được ánh xạ với thủ tục của tỉnh', en: 'The national procedure code is not mapped to a local procedure; see mappedCodes.' },
  'outside-province': { status: 422, title: 'Vị trí nằm ngoài địa bàn tỉnh', en: 'The place is outside the province this service covers.' },
  'payload-too-large': { status: 413, title: 'Dữ liệu gửi lên quá lớn', en: 'The upload is too large.' },
  'unsupported-media-type': { status: 415, title: 'Định dạng tệp không được chấp nhận', en: 'This file type is not accepted.' },
  'rate-limited': { status: 429, title: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many attempts; try again later.' },
  'population-unavailable': { status: 502, title: 'Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư, vui lòng tự điền hoặc thử lại sau', en: 'The national population database did not answer; fill the form by hand or try again later.' },
  unavailable: { status: 503, title: 'Hệ thống tạm thời không sẵn sàng', en: 'The service is not ready.' },
  internal: { status: 500, title: 'Lỗi hệ thống', en: 'An unexpected error occurred; it has been logged.' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type FieldError = { field: string; message: string };

export const problemType = (code: ProblemCode) => `/problems/${code}`;

/** An error a use case throws on purpose; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.status = PROBLEMS[code].status;
  }
}

export const notFound = (detail?: string) => new AppError('not-found', detail);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) => new AppError('conflict', detail, extra);
export const invalid = (field: string, message: string) =>
  new AppError('validation-failed', `${field}: ${message}`, { errors: [{ field, message }] });

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [k: string]: unknown;
};

export const problemBody = (code: ProblemCode, detail?: string, extra: Record<string, unknown> = {}): ProblemBody => {
  const { headers: _headers, ...rest } = extra;
  return { type: problemType(code), title: PROBLEMS[code].title, status: PROBLEMS[code].status, ...(detail ? { detail } : {}), ...rest };
};
