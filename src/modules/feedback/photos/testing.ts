import sharp from 'sharp';

/** Test support: a phone-like JPEG carrying EXIF with the camera maker and a GPS position. */
export const GPS_MARK = 'PhoneMakerGPS';

export const jpegWithGps = (width = 2400, height = 1800) =>
  sharp({ create: { width, height, channels: 3, background: '#887766' } })
    .withExif({
      IFD0: { Make: GPS_MARK, Copyright: 'Nguoi dan' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '11/1 18/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 5/1 45/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
