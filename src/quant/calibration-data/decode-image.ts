/** PNG and JPEG files → RGBA pixels, through pure-JS decoders (pngjs, jpeg-js). */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { InputError } from '../../io/input-error.js';

export interface RgbaImage {
  width: number;
  height: number;
  /** width·height·4 bytes, row-major RGBA. */
  data: Uint8Array;
}

/** The largest image decoded, in megapixels (a guard against decompression bombs). */
export const MAX_MEGAPIXELS = 100;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

export function isImage(bytes: Uint8Array): boolean {
  return startsWith(bytes, PNG_MAGIC) || startsWith(bytes, JPEG_MAGIC);
}

export function decodeImage(bytes: Uint8Array, file: string): RgbaImage {
  try {
    if (startsWith(bytes, PNG_MAGIC)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (png.width * png.height > MAX_MEGAPIXELS * 1e6) throw new Error(`larger than ${MAX_MEGAPIXELS} megapixels`);
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    }
    if (startsWith(bytes, JPEG_MAGIC)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new InputError(file, `cannot decode the image: ${(e as Error).message}`);
  }
  throw new InputError(file, 'not a PNG or JPEG image');
}
