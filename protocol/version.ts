/** Wire protocol version. A client says which one it speaks in `hello`; the server refuses others. */
export const PROTOCOL_VERSION = 1 as const;
