/** Paper sizes in PDF points (1/72 inch). */
export const paperSizes = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
} as const;

/** The paper a fax is composed on. */
export type Paper = keyof typeof paperSizes;

/** Where and how to draw content of a given size so it fits a portrait page. */
export interface Placement {
  /** Where the content's own origin lands. */
  x: number;
  y: number;
  scale: number;
  /** Counter-clockwise degrees, as pdf-lib's `rotate` options take them. */
  rotate: number;
}

/**
 * Fits content of `width`×`height` points, first turned clockwise by `clockwise` degrees (a
 * PDF page's /Rotate, an image's orientation), onto a portrait page: landscape content is
 * turned a further quarter so it prints large, it is scaled down to fit (never up beyond
 * `maxScale`) and centred. Fax machines print portrait, so this is what the far end gets.
 */
export function fitOnPage(
  paper: Paper,
  width: number,
  height: number,
  clockwise: number,
  maxScale = Number.POSITIVE_INFINITY,
): Placement {
  const page = paperSizes[paper];
  let turn = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  const viewedLandscape = turn % 180 === 0 ? width > height : height > width;
  if (viewedLandscape) turn = (turn + 90) % 360;
  const boxW = turn % 180 === 0 ? width : height;
  const boxH = turn % 180 === 0 ? height : width;
  const scale = Math.min(page.width / boxW, page.height / boxH, maxScale);
  const ox = (page.width - boxW * scale) / 2;
  const oy = (page.height - boxH * scale) / 2;
  // Where the content's origin lands after a clockwise turn of the box (see the README).
  switch (turn) {
    case 90:
      return { x: ox, y: oy + width * scale, scale, rotate: -90 };
    case 180:
      return { x: ox + width * scale, y: oy + height * scale, scale, rotate: 180 };
    case 270:
      return { x: ox + height * scale, y: oy, scale, rotate: 90 };
    default:
      return { x: ox, y: oy, scale, rotate: 0 };
  }
}
