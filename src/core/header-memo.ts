// What a request header says, parsed once per distinct value: browsers send the same Accept and
// Accept-Language on every request, and parsing them was a few per cent of a cached page's CPU.

/** Distinct values kept per header; the oldest goes first when full. */
const KEPT_VALUES = 500;
/** Longer values are parsed every time: nobody's browser sends them, and they would fill memory. */
const KEPT_LENGTH = 256;

/** `parse`, with its answers kept by the header's value (bounded in count and length). */
export function memoizedByHeader<T>(parse: (value: string) => T): (value: string) => T {
  const answers = new Map<string, T>();
  return (value) => {
    if (value.length > KEPT_LENGTH) return parse(value);
    if (answers.has(value)) return answers.get(value)!;
    const answer = parse(value);
    if (answers.size >= KEPT_VALUES) answers.delete(answers.keys().next().value!);
    answers.set(value, answer);
    return answer;
  };
}
