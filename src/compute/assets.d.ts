// Vite's `?url` imports: the URL of a bundled asset (the tfjs WASM binaries).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
