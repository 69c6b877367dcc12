import { z } from 'zod';

/**
 * What the national population database's lookup answers (its own Vietnamese field names), and
 * what our prefill answers the citizen (our names, with each commune's 2025 code and name).
 */
const Place = z.object({ maXa: z.string().regex(/^[0-9]{5}$/), diaChi: z.string().max(300) });
export const PopulationAnswer = z.object({
  soDinhDanh: z.string().regex(/^[0-9]{12}$/),
  hoVaTen: z.string().min(1).max(100),
  ngaySinh: z.iso.date(),
  gioiTinh: z.enum(['Nam', 'Nữ']),
  thuongTru: Place,
  noiOHienTai: Place.nullable().optional(),
});
export type PopulationAnswer = z.infer<typeof PopulationAnswer>;

export const Residence = z.object({
  /** The 2025 commune code (5 digits) and its name, when known here. */
  communeCode: z.string(),
  communeName: z.string().nullable(),
  /** House number, street, hamlet: the part below the commune. */
  address: z.string(),
  /** The whole line, ready for a form field: "Số 12, Khu phố 3, Phường Tân Ninh, Tây Ninh". */
  text: z.string(),
});
export type Residence = z.infer<typeof Residence>;

export const PersonRecord = z.object({
  idNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(['Nam', 'Nữ']),
  permanentResidence: Residence,
  currentResidence: Residence,
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const PrefillAnswer = z.object({
  source: z.literal('population-database'),
  fetchedAt: z.date(),
  person: PersonRecord,
  /** The same values under the keys the procedures' e-forms use (fullName, dateOfBirth, idNumber, sex, residence). */
  fields: z.record(z.string(), z.string()),
});
export type PrefillAnswer = z.infer<typeof PrefillAnswer>;
