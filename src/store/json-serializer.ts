// How every backend's keyv turns records into text.

/** Records are plain JSON; keyv's default serializer walks every value looking for buffers and is slower. */
export const jsonSerializer = {
  serialize: (data: unknown) => JSON.stringify(data),
  deserialize: (data: string) => JSON.parse(data),
};
