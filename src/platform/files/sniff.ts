import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * The kinds of file the platform accepts, by the type sniffed from the bytes (never the name or the
 * Content-Type the client sent), with the file name extensions that fit each. Everything else is
 * refused: HTML, SVG, XML, scripts, executables, archives, unknown bytes.
 */
export const ACCEPTED_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif', 'heic'],
  'image/tiff': ['tif', 'tiff'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  // Feedback videos from phones.
  'video/mp4': ['mp4'],
};

export const ACCEPTED_LABEL = 'PDF, ảnh (JPEG, PNG, WebP, HEIC/HEIF, TIFF), Word (DOCX), Excel (XLSX), ODT, video MP4';

/**
 * Markup a browser would act on. Old browsers sniffed the first few hundred bytes for such tags
 * whatever the file's type; a file that carries them there is an HTML polyglot, whatever its magic.
 * (Kept to tags that do not turn up by chance in binary headers, PDF dictionaries or XMP.)
 */
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|frameset|svg|object|embed|applet)[\s/>]/i;
const HEAD_BYTES = 1024;

const readHead = async (file: string): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

export type SniffedType = { mime: string; ext: string };

/** The accepted type of the file's bytes, or null when they are not one of `ACCEPTED_TYPES`. */
export const sniffFile = async (file: string): Promise<SniffedType | null> => {
  const type = await fileTypeFromFile(file);
  if (!type || !Object.hasOwn(ACCEPTED_TYPES, type.mime)) return null;
  if (MARKUP.test((await readHead(file)).toString('latin1'))) return null;
  return { mime: type.mime, ext: ACCEPTED_TYPES[type.mime]![0]! };
};
