// Types for the parts of ipp-encoder (which ships none) that the printer uses.
declare module 'ipp-encoder' {
  interface Group {
    tag: number;
    attributes: { tag: number; name: string; value: unknown }[];
  }
  interface Message {
    version?: { major: number; minor: number };
    operationId?: number;
    statusCode?: number;
    requestId: number;
    groups: Group[];
    data?: Buffer;
  }
  interface Codec {
    decode: ((buffer: Buffer, start?: number, end?: number) => Message) & { bytes: number };
    encode: (message: Message) => Buffer;
  }
  const ipp: { CONSTANTS: Record<string, number>; request: Codec; response: Codec };
  export default ipp;
}
