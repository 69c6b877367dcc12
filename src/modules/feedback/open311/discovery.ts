import type { Answer } from './format.ts';
import type { Jurisdiction } from './jurisdiction.ts';

/** When this API last changed shape (the discovery document's `changeset`). */
export const API_CHANGESET = '2026-12-05T00:00:00+07:00';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export type DiscoveryOptions = { publicUrl: string; isProduction: boolean; jurisdiction: Jurisdiction | null };

/** `GET discovery`: where the endpoint is, what it speaks, who to ask for a key. */
export const discoveryAnswer = ({ publicUrl, isProduction, jurisdiction }: DiscoveryOptions): Answer => {
  const who = jurisdiction ? `${jurisdiction.committeeName} (jurisdiction_id ${jurisdiction.id})` : 'Tỉnh số';
  const endpoint = {
    specification: SPECIFICATION,
    url: `${publicUrl.replace(/\/$/, '')}/open311/v2`,
    changeset: API_CHANGESET,
    type: isProduction ? 'production' : 'test',
    formats: ['text/xml', 'application/json'],
  };
  const common = {
    changeset: API_CHANGESET,
    contact: `${who} — ${publicUrl}`,
    key_service:
      'Ứng dụng muốn gửi phản ánh cần api_key do quản trị hệ thống cấp; đọc không cần khóa. ' +
      '/ Writing needs an api_key issued by the system administrators; reading is open.',
  };
  return {
    json: { ...common, endpoints: [endpoint] },
    xml: {
      root: 'discovery',
      content: { ...common, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } },
    },
  };
};
