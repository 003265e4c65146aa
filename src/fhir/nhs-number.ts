import { ConformanceError } from "../errors/index.js";

/**
 * NHS number check (contract section 8): ten digits, the tenth a Modulus 11 check digit over the
 * first nine with weights 10..2; a remainder giving 11 means 0, one giving 10 means invalid.
 */
export function isValidNhsNumber(candidate: string): boolean {
  if (!/^\d{10}$/.test(candidate)) return false;
  // Stryker disable next-line MethodExpression: modulus11CheckDigit reads only the first nine digits, so passing all ten changes nothing.
  const check = modulus11CheckDigit(candidate.slice(0, 9));
  // No check digit (undefined) equals no digit, so such a number is invalid.
  return check === Number(candidate[9]);
}

/** The Modulus 11 check digit of nine digits (weights 10..2), or undefined when none exists (10). */
export function modulus11CheckDigit(stem: string): number | undefined {
  let sum = 0;
  for (let position = 0; position < 9; position += 1)
    sum += Number(stem[position]) * (10 - position);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** Synthetic test numbers: the 999 range is reserved for test data. */
export function isSyntheticNhsNumber(candidate: string): boolean {
  return candidate.startsWith("999") && isValidNhsNumber(candidate);
}

/** The first nine digits of the first synthetic NHS number, 9990000018. */
export const FIRST_SYNTHETIC_STEM = 999_000_001;

/**
 * Every valid NHS number of the synthetic 999 range, in order, from 9990000018, or from the
 * first whose nine leading digits are `fromStem` or more.
 */
export function* syntheticNhsNumbers(fromStem = FIRST_SYNTHETIC_STEM): Generator<string> {
  for (let stem = fromStem; stem <= 999_999_999; stem += 1) {
    const number = checkDigitFor(String(stem));
    if (number !== undefined) yield number;
  }
}

/** The `index`-th synthetic NHS number (index 0 is 9990000018). */
export function syntheticNhsNumber(index: number): string {
  let position = 0;
  for (const number of syntheticNhsNumbers()) {
    if (position === index) return number;
    position += 1;
  }
  throw new ConformanceError(
    "PATIENTS_EXHAUSTED",
    `There are fewer than ${index + 1} synthetic NHS numbers.`,
    { index },
  );
}

function checkDigitFor(stem: string): string | undefined {
  const check = modulus11CheckDigit(stem);
  return check === undefined ? undefined : `${stem}${check}`;
}
