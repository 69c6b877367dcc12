import { AppError } from '../../../platform/http/problems.ts';

/**
 * The copy of a report photo that may be shown publicly: turned upright (EXIF orientation
 * applied), at most 1600 px on its longer side (never enlarged), re-encoded as JPEG with NO
 * metadata at all (sharp drops EXIF, GPS, XMP and ICC unless asked to keep them).
 */
/** sharp (libvips) is loaded with the first photo: it adds ~25 MB to every server otherwise. */
const sharpModule = async () => (await import('sharp')).default;

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_SIDE = 1600;

/** Image types a report photo may be (sniffed from the bytes); HEIC only where sharp can decode it. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/tiff'] as const;

export type PublicCopy = { bytes: Buffer; width: number; height: number };

export const notAnImage = () => new AppError('unsupported-media-type', 'Chỉ nhận ảnh JPEG, PNG, WebP, HEIC hoặc TIFF');

/** Makes the public copy; an undecodable image is the sender's problem (415), never a 500. */
export const makePublicCopy = async (original: Buffer): Promise<PublicCopy> => {
  try {
    const { data, info } = await (await sharpModule())(original, { limitInputPixels: 80_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    throw notAnImage();
  }
};
