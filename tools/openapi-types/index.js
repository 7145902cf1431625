// Re-exported so the project's generator script reaches openapi-typescript with its own TypeScript 5.
export { astToString, default as openapiTS } from 'openapi-typescript';
