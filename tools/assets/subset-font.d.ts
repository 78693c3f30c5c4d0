// subset-font ships no types; these are the options of its 2.x README that the font build uses.
declare module 'subset-font' {
  interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'
    /** OpenType layout features to keep; all of them when left out. */
    keepFeatures?: string[]
    /** Drop TrueType hinting instructions. */
    noHinting?: boolean
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>
}
