/**
 * Reads the text back out of an uncompressed PDF that pdfkit wrote with its standard fonts: the
 * hex strings of every TJ operator, decoded as WinAnsi. Enough to check what a letter says.
 */
const winAnsiHigh: Record<number, string> = { 0x80: '€', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0xd7: '×' };

export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const text = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)]
      .map(([, hex]) =>
        Buffer.from(hex!, 'hex')
          .toString('latin1')
          .split('')
          .map((c) => winAnsiHigh[c.charCodeAt(0)] ?? c)
          .join(''),
      )
      .join('');
    lines.push(text);
  }
  return lines.join('\n');
}

/** Text without any white space: a line the PDF wrapped still contains the sentence. */
export const squeezed = (text: string) => text.replace(/\s+/g, '');
