// The package's "exports" subpath jose/jwt/decode (decodeJwt alone), typed for this project's
// node10 module resolution, which does not read "exports".
declare module "jose/jwt/decode" {
  export { decodeJwt } from "jose";
}
