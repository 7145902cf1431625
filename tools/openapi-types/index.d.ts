// The two functions the generator script uses, typed loosely: their full types live in the TypeScript 5 world.
export declare function openapiTS(schema: object, options?: object): Promise<unknown[]>;
export declare function astToString(ast: unknown[]): string;
