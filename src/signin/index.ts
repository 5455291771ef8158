/** Signing users in with the authorization code grant: the worker's side (the main process's is `broker-server.ts`). */
export { bearerFetch } from './bearer-fetch';
export { brokerLink, providerLink } from './broker-client';
export { redirectsToAuthorization } from './capture';
export { providerSignInSpec, signInSpec } from './spec';
