import { badRequest } from './errors.ts';
import type { TopicKind } from '../topics/topic-store.ts';
import type { Plain } from './format.ts';

/**
 * The attributes of a service definition (`GET services/{code}`): what a report has beyond
 * Open311's own fields. Every topic has `title` and `privacy`; procedure topics (reports about
 * the handling of a dossier, counted by Decision 766) add `dossier_code`; complaint and
 * denunciation topics carry a notice (`variable: false`) that they go to the inspectorate.
 */
export type Privacy = 'public' | 'secret' | 'anonymous';

type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export type AttributeDefinition = {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  /** Position shown to the user, from 1 (set by attributesOf). */
  order: number;
  description: string;
  values?: { key: string; name: string }[];
};

export const TITLE_MAX = 200;

type Definition = Omit<AttributeDefinition, 'order'>;

const TITLE: Definition = {
  variable: true,
  code: 'title',
  datatype: 'string',
  required: false,
  datatype_description: `Tối đa ${TITLE_MAX} ký tự; bỏ trống thì lấy câu đầu của mô tả / up to ${TITLE_MAX} characters; defaults to the description's first sentence`,
  description: 'Tiêu đề ngắn của phản ánh / short title of the report',
};

const PRIVACY: Definition = {
  variable: true,
  code: 'privacy',
  datatype: 'singlevaluelist',
  required: false,
  datatype_description: 'Mặc định: secret / default: secret',
  description: 'Ai được biết người phản ánh / who may know the reporter',
  values: [
    { key: 'secret', name: 'Giữ bí mật: chỉ cơ quan xử lý biết / only the handling agency knows' },
    { key: 'public', name: 'Công khai tên người phản ánh / the reporter’s name may be shown' },
    { key: 'anonymous', name: 'Ẩn danh: không ai biết, kể cả cơ quan xử lý / nobody, not even the agency' },
  ],
};

const DOSSIER_CODE: Definition = {
  variable: true,
  code: 'dossier_code',
  datatype: 'string',
  required: false,
  datatype_description: 'Mã hồ sơ trên giấy tiếp nhận, vd. 000.00.04.H59-261205-0001 / the dossier code on the receipt',
  description: 'Mã hồ sơ thủ tục hành chính được phản ánh / code of the dossier the report is about',
};

const INSPECTION_NOTICE: Definition = {
  variable: false,
  code: 'legal_notice',
  datatype: 'text',
  required: false,
  datatype_description: null,
  description:
    'Khiếu nại, tố cáo được chuyển cơ quan thanh tra giải quyết theo Luật Khiếu nại và Luật Tố cáo, không công bố công khai. ' +
    '/ Complaints and denunciations go to the inspectorate under their own laws and are never published.',
};

const definitionsOf = (kind: TopicKind): Definition[] => {
  if (kind === 'procedure') return [TITLE, PRIVACY, DOSSIER_CODE];
  if (kind === 'inspection') return [INSPECTION_NOTICE, TITLE, PRIVACY];
  return [TITLE, PRIVACY];
};

export const attributesOf = (kind: TopicKind): AttributeDefinition[] => definitionsOf(kind).map((d, i) => ({ ...d, order: i + 1 }));

/** The definition as it goes out, fields in the spec's order; `values` only on list types. */
export const attributeView = (a: AttributeDefinition): { [k: string]: Plain } => ({
  variable: a.variable,
  code: a.code,
  datatype: a.datatype,
  required: a.required,
  datatype_description: a.datatype_description,
  order: a.order,
  description: a.description,
  ...(a.values ? { values: a.values } : {}),
});

/** What the attributes of a POST say, checked against the topic's definition. */
export type AttributeInput = { title?: string; privacy: Privacy; dossierCode?: string };

/**
 * Reads `attribute[code]` values: unknown codes and informational attributes are ignored (a
 * client may send another server's), a list value must be one of its keys, a string one value.
 */
export const readAttributes = (kind: TopicKind, given: Record<string, string | string[]>): AttributeInput => {
  const errors: string[] = [];
  const values: Record<string, string> = {};
  for (const def of attributesOf(kind)) {
    if (!def.variable) continue;
    const raw = given[def.code];
    const list = raw === undefined ? [] : [raw].flat().map((v) => v.trim()).filter(Boolean);
    if (list.length === 0) {
      if (def.required) errors.push(`attribute[${def.code}]: bắt buộc / required`);
      continue;
    }
    if (list.length > 1 && def.datatype !== 'multivaluelist') {
      errors.push(`attribute[${def.code}]: chỉ một giá trị / takes one value`);
      continue;
    }
    const value = list[0]!;
    if (def.values && !def.values.some((v) => v.key === value)) {
      errors.push(`attribute[${def.code}]: phải là một trong ${def.values.map((v) => v.key).join(', ')} / must be one of the listed keys`);
      continue;
    }
    values[def.code] = value;
  }
  if (values.title && [...values.title].length > TITLE_MAX) errors.push(`attribute[title]: tối đa ${TITLE_MAX} ký tự / at most ${TITLE_MAX} characters`);
  if (values.dossier_code && !/^[0-9A-Za-z.-]{6,64}$/.test(values.dossier_code)) errors.push('attribute[dossier_code]: không phải mã hồ sơ / not a dossier code');
  if (errors.length) throw badRequest(...errors);
  return {
    ...(values.title ? { title: values.title } : {}),
    privacy: (values.privacy as Privacy | undefined) ?? 'secret',
    ...(values.dossier_code ? { dossierCode: values.dossier_code.toUpperCase() } : {}),
  };
};
