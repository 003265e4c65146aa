/**
 * NHS number check (contract section 8): ten digits, the tenth a Modulus 11 check digit over the
 * first nine with weights 10..2; a remainder giving 11 means 0, one giving 10 means invalid.
 */
export function isValidNhsNumber(candidate: string): boolean {
  if (!/^\d{10}$/.test(candidate)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(candidate[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(candidate[9]);
}

/** Synthetic test numbers: the 999 range is reserved for test data. */
export function isSyntheticNhsNumber(candidate: string): boolean {
  return candidate.startsWith("999") && isValidNhsNumber(candidate);
}
