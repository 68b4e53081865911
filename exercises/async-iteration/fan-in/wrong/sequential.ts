// Reads the sources one after the other: every value arrives, but a slow first source holds back all the rest.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}
