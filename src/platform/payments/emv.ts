/**
 * EMVCo merchant-presented QR building blocks: TLV fields (`id` two digits, `length` two digits,
 * then the value) and the CRC that closes every payload (field 63).
 */

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final xor), 4 upper-case hex digits. */
export const crc16CcittFalse = (text: string): string => {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
};

/** One TLV field; the value must be 1–99 characters. */
export const tlv = (id: string, value: string): string => {
  if (!/^\d{2}$/.test(id)) throw new Error(`EMV field id must be two digits: ${id}`);
  if (value.length === 0 || value.length > 99) throw new Error(`EMV field ${id} must hold 1–99 characters (has ${value.length})`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

export type EmvField = { id: string; value: string };

/** Splits a TLV string into its fields (one level); throws on a length that runs past the end. */
export const parseTlv = (text: string): EmvField[] => {
  const fields: EmvField[] = [];
  let at = 0;
  while (at < text.length) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length) || at + 4 + length > text.length) throw new Error(`malformed EMV field at ${at}`);
    fields.push({ id, value: text.slice(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return fields;
};

/** Appends field 63 (CRC over everything before it, "6304" included). */
export const withCrc = (body: string): string => `${body}6304${crc16CcittFalse(`${body}6304`)}`;

/** True when the payload ends with a CRC field that matches its content. */
export const hasValidCrc = (payload: string): boolean => {
  const match = /^(.*6304)([0-9A-Fa-f]{4})$/s.exec(payload);
  return match !== null && crc16CcittFalse(match[1]!) === match[2]!.toUpperCase();
};
