import { nonTerminalAbbreviations } from './abbreviations';

/** A sentence of the input: `text === input.slice(start, end)` (UTF-16 offsets, as in JavaScript strings). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

interface Span {
  start: number;
  end: number;
}

/** A blank line always ends a sentence, so headings and list items without a period stand alone. */
const paragraphBreak = /(?:\r?\n[ \t]*){2,}|\f/g;
/** Sentence-ending punctuation, with any closing quotes or brackets that belong to the sentence. */
const terminator = /[.!?]+["'\u201d\u2019)\]]*/g;
const openingPunctuation = /^["'\u201c\u2018([]+/;
const initial = /^[A-Za-z]$/;
/** "U.S", "e.g", "i.e", "U.S.C", "L.L.C": letters separated by periods. */
const dottedAcronym = /^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$/;

/**
 * Splits text into sentences. A period ends a sentence only when whitespace (or the
 * end of the text) follows, the next word does not start in lower case, and the word
 * before it is not an abbreviation, an initial or a dotted acronym. Decimals never
 * split because no whitespace follows their period.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs(text)) {
    let cursor = paragraph.start;
    terminator.lastIndex = paragraph.start;
    for (let match = terminator.exec(text); match; match = terminator.exec(text)) {
      const end = match.index + match[0].length;
      if (end > paragraph.end) break;
      if (end < paragraph.end && !/\s/.test(text[end])) continue;
      if (!endsSentence(text, match.index, match[0], end, paragraph.end)) continue;
      pushTrimmed(text, { start: cursor, end }, sentences);
      cursor = end;
    }
    pushTrimmed(text, { start: cursor, end: paragraph.end }, sentences);
  }
  return sentences;
}

function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  paragraphBreak.lastIndex = 0;
  for (let match = paragraphBreak.exec(text); match; match = paragraphBreak.exec(text)) {
    spans.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  spans.push({ start, end: text.length });
  return spans;
}

function endsSentence(text: string, index: number, punctuation: string, end: number, limit: number): boolean {
  let next = end;
  while (next < limit && /\s/.test(text[next])) next += 1;
  if (next === limit) return true;
  if (isLowerCaseLetter(text[next])) return false;
  if (punctuation[0] !== '.' || punctuation.startsWith('..')) return true;
  return !isAbbreviation(wordBefore(text, index));
}

function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !/\s/.test(text[start - 1])) start -= 1;
  return text.slice(start, index).replace(openingPunctuation, '').replace(/\u2019/g, "'");
}

function isAbbreviation(word: string): boolean {
  return (
    initial.test(word) || dottedAcronym.test(word) || nonTerminalAbbreviations.has(word.toLowerCase())
  );
}

function isLowerCaseLetter(char: string): boolean {
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

function pushTrimmed(text: string, span: Span, into: Sentence[]): void {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  if (end > start) into.push({ text: text.slice(start, end), start, end });
}
