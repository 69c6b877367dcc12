import { z } from 'zod';

/**
 * Query and path parameters of the Open311 routes, for validation and the OpenAPI page. A
 * parameter sent twice (`status=open&status=closed`) reads as the spec's comma list.
 */
const param = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat().join(',')))
    .meta({ description });

const jurisdiction = param('Mã đơn vị hành chính phục vụ (vd. tayninh.gov.vn hoặc 80); không bắt buộc / optional');

export const JurisdictionQuery = z.object({ jurisdiction_id: jurisdiction });

export const RequestsQuery = z.object({
  jurisdiction_id: jurisdiction,
  service_request_id: param('Danh sách mã phản ánh, cách nhau bởi dấu phẩy; bỏ qua các bộ lọc khác / comma list, overrides other filters'),
  service_code: param('Danh sách mã dịch vụ (lĩnh vực), cách nhau bởi dấu phẩy / comma list of service codes'),
  start_date: param('Từ thời điểm (W3C, vd. 2026-12-01T00:00:00+07:00) / earliest requested_datetime'),
  end_date: param('Đến thời điểm (W3C); tối đa 90 ngày / latest requested_datetime, 90 days at most'),
  status: param('open, closed (cách nhau bởi dấu phẩy) / comma list'),
});

export const ServiceCodeParams = z.object({ service_code: z.string().max(200) });
export const RequestIdParams = z.object({ service_request_id: z.string().max(200) });
export const TokenParams = z.object({ token: z.string().max(200) });
