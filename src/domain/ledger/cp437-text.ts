/**
 * SIE files are CP437 (#FORMAT PC8). Names can hold letters CP437 lacks (Ł, Š, ő …); an export
 * must not fail on a customer's name, so such letters fall back to their base letter (NFD without
 * the combining marks), and anything still outside CP437 becomes '?'.
 */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const ENCODABLE = new Set(CP437_HIGH);

/** Letters that carry their mark inside them, so NFD cannot take it off. */
const BASE_LETTER: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'Th',
  þ: 'th',
  ı: 'i',
  Ŋ: 'N',
  ŋ: 'n',
};

const encodable = (ch: string): boolean => (ch >= ' ' && ch <= '~') || ENCODABLE.has(ch);

export function toCp437Text(text: string): string {
  let out = '';
  for (const ch of text) {
    if (encodable(ch)) out += ch;
    else {
      const base = BASE_LETTER[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += [...base].every(encodable) && base !== '' ? base : '?';
    }
  }
  return out;
}
