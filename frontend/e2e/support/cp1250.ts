/** Windows-1250 bytes for ASCII and the Polish letters: enough to build a file the way old Excel saves it. */
const POLISH: Record<string, number> = {
  ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
  Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
};

export function encodeCp1250(text: string): Buffer {
  const bytes = Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const b = POLISH[ch];
    if (b === undefined) throw new Error(`no Windows-1250 byte for ${ch} in this helper`);
    return b;
  });
  return Buffer.from(bytes);
}
