/// <reference path="./jwtDecode.d.ts" />
// Reads a token's claims (no signature check: the token comes from the identity platform over TLS,
// and only its expiry and identity type are read). From jose's `jwt/decode` subpath, not its index:
// the index loads all of JOSE (about 30 ms of every deployment's start, BENCHMARKS.md row 11), the
// subpath one small module.
export { decodeJwt } from "jose/jwt/decode";
